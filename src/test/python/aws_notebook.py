"""The cells of the AWS "blur faces in video with Amazon Rekognition Video" notebook that talk to AWS, as written
there, with one change: every client is given faceblur's endpoint_url. Debian's boto3 predates the
AWS_ENDPOINT_URL_<SERVICE> variables, so the endpoint goes in the code.

Usage: aws_notebook.py API_ENDPOINT S3_ENDPOINT VIDEO_FILE   -> one JSON document of what the cells saw
"""
import json
import sys
import time

import boto3

api, s3_endpoint, video_file = sys.argv[1:4]

# Initialization: who am I, and a bucket named after the account
sts = boto3.client("sts", endpoint_url=api)
identity = sts.get_caller_identity()
account_id = identity.get("Account")
region = boto3.session.Session().region_name
bucket_name = "notebook-" + account_id
s3 = boto3.client("s3", endpoint_url=s3_endpoint)
s3.create_bucket(Bucket=bucket_name)
video_key = "videos/video.mp4"
s3.upload_file(video_file, bucket_name, video_key)

# Start face detection, then wait for it
rekognition = boto3.client("rekognition", endpoint_url=api)
startFaceDetection = rekognition.start_face_detection(
    Video={"S3Object": {"Bucket": bucket_name, "Name": video_key}})
faceDetectionJobId = startFaceDetection["JobId"]
getFaceDetection = rekognition.get_face_detection(JobId=faceDetectionJobId)
while getFaceDetection["JobStatus"] == "IN_PROGRESS":
    time.sleep(1)
    getFaceDetection = rekognition.get_face_detection(JobId=faceDetectionJobId)

# Page through the faces, as the notebook's helper does
faces = []
pages = 0
while True:
    pages += 1
    faces.extend(getFaceDetection["Faces"])
    if "NextToken" not in getFaceDetection:
        break
    getFaceDetection = rekognition.get_face_detection(JobId=faceDetectionJobId,
                                                      NextToken=getFaceDetection["NextToken"])

print(json.dumps({"account": account_id, "arn": identity.get("Arn"), "user_id": identity.get("UserId"),
                  "region": region, "status": getFaceDetection["JobStatus"], "faces": len(faces), "pages": pages}))
