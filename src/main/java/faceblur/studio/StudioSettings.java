package faceblur.studio;

import faceblur.redact.RedactionSettings;
import faceblur.review.Provenance;
import faceblur.text.HideTargets;
import faceblur.text.TextSource;
import faceblur.video.EncoderSettings;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the studio runs.
 *
 * @param dataDir        where projects and uploads live
 * @param maxUploadBytes the largest video a page may upload (the same limit as {@code serve}'s)
 * @param token          the secret in the printed URL that opens a session, or null where people sign in with
 *                       access keys
 * @param accessKeys     secret keys by access key id, for signing in ({@code serve} with keys); empty otherwise
 * @param localUser      who decisions are logged as when nobody signs in
 * @param provenance     how the engine finds faces, recorded in every project's findings
 * @param redaction      the export's style until a reviewer changes it
 * @param encoding       how exports are encoded ({@code faceblur blur}'s defaults, so that {@code redact
 *                       --project} gives the same bytes)
 * @param web            whether a proxy is believed, and when idle sessions end
 * @param hide           what an analysis looks for: faces, text, or both ({@code faceblur studio --hide})
 * @param text           where the text detector comes from; null unless {@code hide} has text
 */
public record StudioSettings(Path dataDir, long maxUploadBytes, String token, Map<String, String> accessKeys,
                             String localUser, Provenance provenance, RedactionSettings redaction,
                             EncoderSettings encoding, StudioWeb web, HideTargets hide, TextSource text) {

    public StudioSettings {
        accessKeys = Map.copyOf(accessKeys);
        hide = hide == null ? HideTargets.FACES : hide;
        if (hide.text() && text == null) {
            throw new IllegalArgumentException("finding text needs a text detector");
        }
    }

    /** A studio that finds faces only. */
    public StudioSettings(Path dataDir, long maxUploadBytes, String token, Map<String, String> accessKeys,
                          String localUser, Provenance provenance, RedactionSettings redaction,
                          EncoderSettings encoding, StudioWeb web) {
        this(dataDir, maxUploadBytes, token, accessKeys, localUser, provenance, redaction, encoding, web,
                HideTargets.FACES, null);
    }
}
