"""Calls one Rekognition operation with boto3 against a given endpoint and prints the parsed response as JSON.

Used by the Java tests to see exactly what boto3 (and so botocore's SigV4Auth) puts on the wire:
    python3 rekognition_call.py ENDPOINT OPERATION 'JSON-PARAMS'
Credentials come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY). On an error response the
botocore error code and HTTP status are printed instead, so error mapping can be checked too.
"""
import json
import sys

import boto3
import botocore.config
import botocore.exceptions


def main():
    endpoint, operation, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    client = boto3.client(
        "rekognition",
        endpoint_url=endpoint,
        region_name="us-west-2",
        config=botocore.config.Config(retries={"total_max_attempts": 1}),
    )
    try:
        response = getattr(client, operation)(**params)
        response.pop("ResponseMetadata", None)
        print(json.dumps(response))
    except botocore.exceptions.ClientError as e:
        print(json.dumps({
            "ErrorClass": type(e).__name__,
            "Code": e.response["Error"]["Code"],
            "Message": e.response["Error"]["Message"],
            "HTTPStatusCode": e.response["ResponseMetadata"]["HTTPStatusCode"],
        }))


if __name__ == "__main__":
    main()
