package faceblur.studio;

import com.fasterxml.jackson.databind.JsonNode;
import faceblur.review.ReviewJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The people and tracks JSON the review page gets, after decisions that change who is on which frames: read as
 * the page reads it (parsed JSON), not as Java records. The findings of {@link StudioUndoTest}: face 1 on frames
 * 0-40, face 2 on 10-45 (overlapping it), face 3 after the cut on 55-95; the findings hold their masks to the tracker's default 2 s where a decision
 * re-computes them.
 */
class StudioViewsTest {

    @TempDir
    Path dir;
    StudioProject project;

    @BeforeEach
    void analysed() {
        // Face 1's thumbnails were cut on frames 5, 20 and 35 only, as the analysis picks a few per track.
        project = StudioUndoTest.analysed(dir, StudioUndoTest.FINDINGS, Map.of(1, List.of(new TrackThumbnails.Thumb(5, "f1-5.jpg", 3),
                new TrackThumbnails.Thumb(20, "f1-20.jpg", 2), new TrackThumbnails.Thumb(35, "f1-35.jpg", 1))));
    }

    /** The live people as the page gets them, by person id. */
    private Map<Integer, JsonNode> people() throws Exception {
        JsonNode json = ReviewJson.mapper().readTree(StudioViews.json(StudioViews.people(project, 0, 100, false)));
        Map<Integer, JsonNode> byId = new java.util.HashMap<>();
        json.get("people").forEach(p -> byId.put(p.get("id").asInt(), p));
        return byId;
    }

    private static List<int[]> spans(JsonNode track) {
        List<int[]> out = new ArrayList<>();
        track.get("spans").forEach(s -> out.add(new int[]{s.get(0).asInt(), s.get(1).asInt()}));
        return out;
    }

    @Test
    void aPersonsFrameCountCountsEachFrameOnceHoweverManyTracksCoverIt() throws Exception {
        assertThat(people().get(1).get("frames").asInt()).isEqualTo(41);
        project.apply("alice", (e, p) -> e.merge(p, List.of(1, 2)));
        // Frames 0-45 show the merged person; 10-40 are covered by both tracks and count once (not 41 + 36).
        assertThat(people().get(1).get("frames").asInt()).isEqualTo(46);
    }

    @Test
    void eachPartOfASplitTrackShowsItsOwnSpan() throws Exception {
        project.apply("alice", (e, p) -> e.split(p, 1, 20));
        Map<Integer, JsonNode> people = people();
        int newPerson = project.project().nextPersonId() - 1;
        JsonNode before = people.get(1);
        JsonNode after = people.get(newPerson);
        assertThat(before.get("firstFrame").asInt()).isZero();
        assertThat(before.get("lastFrame").asInt()).isEqualTo(19);
        assertThat(before.get("frames").asInt()).isEqualTo(20);
        assertThat(spans(before.get("tracks").get(0))).singleElement().isEqualTo(new int[]{0, 19});
        assertThat(after.get("firstFrame").asInt()).isEqualTo(20);
        assertThat(after.get("lastFrame").asInt()).isEqualTo(40);
        assertThat(after.get("frames").asInt()).isEqualTo(21);
        assertThat(spans(after.get("tracks").get(0))).singleElement().isEqualTo(new int[]{20, 40});
    }

    @Test
    void whatACutRangeLeavesOfATrackStillHasAPicture() throws Exception {
        project.apply("alice", (e, p) -> e.deleteFrames(p, 1, 0, 37));
        JsonNode person = people().get(1);
        JsonNode track = person.get("tracks").get(0);
        assertThat(track.get("sightings").get(0).asInt()).isEqualTo(38);
        // No thumbnail was cut on frames 38-40: the nearest one of the same face stands in for them.
        assertThat(track.get("thumbs")).singleElement().satisfies(t ->
                assertThat(t.get("file").asText()).isEqualTo("f1-35.jpg"));
    }
}
