package faceblur.rekognition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code GetFaceDetection}; botocore's model has no other member (no SortBy, unlike GetFaceSearch). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetFaceDetectionRequest(
        @JsonProperty("JobId") String jobId,
        @JsonProperty("MaxResults") Integer maxResults,
        @JsonProperty("NextToken") String nextToken) {

    /** The most faces one page holds, and what an absent MaxResults means. */
    public static final int MAX_PAGE_SIZE = 1000;

    /**
     * Faces to return on this page. Above 1000 is not an error: the model documents "If you specify a value greater
     * than 1000, a maximum of 1000 results is returned", so a client asking for more still works, as on AWS.
     */
    public int pageSize() {
        return maxResults == null ? MAX_PAGE_SIZE : Math.min(maxResults, MAX_PAGE_SIZE);
    }

    /** True without a token, and with a blank one: clients that loop on NextToken start with "". */
    public boolean firstPage() {
        return nextToken == null || nextToken.isEmpty();
    }
}
