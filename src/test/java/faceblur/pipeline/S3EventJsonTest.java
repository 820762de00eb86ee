package faceblur.pipeline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Malformed S3 events are a bad request with the reason (400), never an exception that becomes a 500. */
class S3EventJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Records\":[null]}",
            "{\"Records\":[1]}",
            "{\"Records\":[\"x\"]}",
            "{\"Records\":{}}",
            "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"object\":{\"size\":\"big\"}}}]}",
            "{\"Type\":\"Notification\",\"Message\":\"{\\\"Records\\\":[null]}\"}",
            "[]",
            "null",
    })
    void malformedRecordsAreBadRequests(String body) {
        Throwable thrown = catchThrowable(() -> S3EventJson.parse(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(thrown).as(body).isInstanceOf(PipelineException.class);
        assertThat(((PipelineException) thrown).kind()).isEqualTo(PipelineException.Kind.BAD_REQUEST);
    }
}
