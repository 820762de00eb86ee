package faceblur.studio;

/**
 * One piece of the studio's long work, as it is queued and, in {@code faceblur serve}, stored until it is done:
 * everything needed to run it again after a restart.
 *
 * @param kind        {@link #ANALYSE} or {@link #EXPORT}
 * @param project     the project's id
 * @param by          who asked
 * @param signedOffBy the name for the export's report, or null
 * @param toBucket    whether the export also goes beside its source in its bucket
 * @param revision    the revision the export renders (its decisions are kept with the job), or -1
 */
public record StudioJob(String kind, String project, String by, String signedOffBy, boolean toBucket, int revision) {

    public static final String ANALYSE = "analyse";
    public static final String EXPORT = "export";

    static StudioJob analyse(String project, String by) {
        return new StudioJob(ANALYSE, project, by, null, false, -1);
    }

    static StudioJob export(String project, String by, String signedOffBy, boolean toBucket, int revision) {
        return new StudioJob(EXPORT, project, by, signedOffBy, toBucket, revision);
    }
}
