package faceblur.server;

import faceblur.rekognition.ErrorType;
import faceblur.rekognition.RekognitionException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a SigV4 {@code Authorization} header: {@code AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/
 * rekognition/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex}.
 */
record AuthorizationHeader(String accessKeyId, String date, String region, String service, String terminator,
                           List<String> signedHeaders, String signature) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The credential scope, as it goes into the string to sign. */
    String scope() {
        return date + "/" + region + "/" + service + "/" + terminator;
    }

    static AuthorizationHeader parse(String header) {
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'. Only " + ALGORITHM
                    + " is supported.", header);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String part : trimmed.substring(space + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parameters.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : List.of("Credential", "SignedHeaders", "Signature")) {
            String value = parameters.get(name);
            if (value == null || value.isEmpty()) {
                missing.add("Authorization header requires '" + name + "' parameter.");
            }
        }
        if (!missing.isEmpty()) {
            throw incomplete(String.join(" ", missing), header);
        }
        String[] credential = parameters.get("Credential").split("/", -1);
        if (credential.length != 5 || Arrays.stream(credential).anyMatch(String::isEmpty)) {
            throw incomplete("Credential should be of the form <access key>/<date>/<region>/<service>/aws4_request,"
                    + " not '" + parameters.get("Credential") + "'.", header);
        }
        List<String> signed = List.of(parameters.get("SignedHeaders").split(";"));
        for (String name : signed) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT))) {
                throw incomplete("SignedHeaders must be lower-case header names separated by ';'.", header);
            }
        }
        return new AuthorizationHeader(credential[0], credential[1], credential[2], credential[3], credential[4],
                signed, parameters.get("Signature"));
    }

    private static RekognitionException incomplete(String message, String header) {
        return new RekognitionException(ErrorType.INCOMPLETE_SIGNATURE, message + " Authorization=" + header);
    }
}
