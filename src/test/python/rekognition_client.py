"""A Rekognition Video client as users write it with boto3, pointed at faceblur serve by endpoint_url only.

Usage: rekognition_client.py ENDPOINT flow BUCKET KEY TOKEN   -> one job start to finish, paged by 10
       rekognition_client.py ENDPOINT errors BUCKET KEY       -> which exception class each bad call raised
       rekognition_client.py ENDPOINT start BUCKET KEY TOKEN [TOPIC_ARN]  -> {"JobId"}
       rekognition_client.py ENDPOINT wait JOB_ID             -> the first response that is not IN_PROGRESS
       rekognition_client.py ENDPOINT page JOB_ID MAX [TOKEN] -> one GetFaceDetection response
       rekognition_client.py ENDPOINT collect JOB_ID          -> {"Faces": every face of every page}
Prints one JSON document on stdout; credentials and region come from the environment, as for any boto3 code.
"""
import json
import sys
import time

import boto3
from botocore.config import Config


def client(endpoint):
    return boto3.client("rekognition", endpoint_url=endpoint,
                        config=Config(retries={"max_attempts": 1}, read_timeout=30))


def video(bucket, key):
    return {"S3Object": {"Bucket": bucket, "Name": key}}


def wait(rek, job_id, timeout=300):
    deadline = time.time() + timeout
    polls = 0
    while True:
        polls += 1
        response = rek.get_face_detection(JobId=job_id, MaxResults=10)
        if response["JobStatus"] != "IN_PROGRESS" or time.time() > deadline:
            return response, polls
        time.sleep(0.5)


def flow(rek, bucket, key, token):
    job_id = rek.start_face_detection(Video=video(bucket, key), ClientRequestToken=token,
                                      JobTag="faceblur-test", FaceAttributes="ALL")["JobId"]
    again = rek.start_face_detection(Video=video(bucket, key), ClientRequestToken=token,
                                     JobTag="faceblur-test", FaceAttributes="ALL")["JobId"]
    first, polls = wait(rek, job_id)
    result = {"job_id": job_id, "same_token_job_id": again, "status": first["JobStatus"],
              "status_message": first.get("StatusMessage"), "polls": polls,
              "video_metadata": first.get("VideoMetadata"), "job_tag": first.get("JobTag"),
              "video": first.get("Video"), "page_sizes": [], "faces": [], "metadata_on_every_page": True}
    # some clients start with an empty NextToken; the loop ends when NextToken is absent
    kwargs = {"NextToken": ""}
    while True:
        page = rek.get_face_detection(JobId=job_id, MaxResults=10, **kwargs)
        result["page_sizes"].append(len(page["Faces"]))
        result["faces"].extend(page["Faces"])
        if page.get("VideoMetadata") != result["video_metadata"]:
            result["metadata_on_every_page"] = False
        if "NextToken" not in page:
            break
        kwargs = {"NextToken": page["NextToken"]}
    return result


def collect(rek, job_id):
    faces, kwargs = [], {}
    while True:
        page = rek.get_face_detection(JobId=job_id, **kwargs)
        faces.extend(page["Faces"])
        if "NextToken" not in page:
            return faces
        kwargs = {"NextToken": page["NextToken"]}


def raised(call):
    try:
        call()
        return "no error"
    except Exception as e:  # the class name is what the test checks; a generic ClientError by its code
        name = type(e).__name__
        return name + ":" + e.response["Error"]["Code"] if name == "ClientError" else name


def errors(rek, bucket, key):
    result = {}
    result["unknown_job"] = raised(lambda: rek.get_face_detection(JobId="no-such-job"))
    result["missing_object"] = raised(lambda: rek.start_face_detection(Video=video(bucket, "no/such/video.mp4")))
    result["bad_face_attributes"] = raised(
        lambda: rek.start_face_detection(Video=video(bucket, key), FaceAttributes="SOME"))
    rek.start_face_detection(Video=video(bucket, key), ClientRequestToken="mismatch-token", JobTag="one")
    result["token_reused"] = raised(lambda: rek.start_face_detection(
        Video=video(bucket, key), ClientRequestToken="mismatch-token", JobTag="two"))
    job_id = rek.start_face_detection(Video=video(bucket, key), ClientRequestToken="paging-token")["JobId"]
    wait(rek, job_id)
    token = rek.get_face_detection(JobId=job_id, MaxResults=1)["NextToken"]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    result["tampered_token"] = raised(lambda: rek.get_face_detection(JobId=job_id, NextToken=tampered))
    other = rek.start_face_detection(Video=video(bucket, key), ClientRequestToken="other-token")["JobId"]
    result["token_of_other_job"] = raised(lambda: rek.get_face_detection(JobId=other, NextToken=token))
    result["exception_classes_known"] = sorted(
        name for name in dir(rek.exceptions) if name.endswith("Exception") or name == "InternalServerError")
    return result


def main():
    endpoint, command = sys.argv[1], sys.argv[2]
    rek = client(endpoint)
    if command == "flow":
        out = flow(rek, *sys.argv[3:6])
    elif command == "errors":
        out = errors(rek, *sys.argv[3:5])
    elif command == "start":
        bucket, key, token = sys.argv[3:6]
        kwargs = {}
        if len(sys.argv) > 6:
            kwargs = {"NotificationChannel": {"SNSTopicArn": sys.argv[6],
                                              "RoleArn": "arn:aws:iam::123456789012:role/faceblur"},
                      "JobTag": "notified"}
        out = {"JobId": rek.start_face_detection(Video=video(bucket, key), ClientRequestToken=token,
                                                 **kwargs)["JobId"]}
    elif command == "wait":
        out = wait(rek, sys.argv[3])[0]
    elif command == "page":
        kwargs = {"NextToken": sys.argv[5]} if len(sys.argv) > 5 else {}
        out = rek.get_face_detection(JobId=sys.argv[3], MaxResults=int(sys.argv[4]), **kwargs)
        out.pop("ResponseMetadata", None)
    elif command == "collect":
        out = {"Faces": collect(rek, sys.argv[3])}
    else:
        raise SystemExit("unknown command " + command)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
