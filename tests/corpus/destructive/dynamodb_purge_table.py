import sys

import boto3

TABLE = sys.argv[1]

table = boto3.resource("dynamodb").Table(TABLE)
scan = table.scan(ProjectionExpression="pk, sk")
with table.batch_writer() as batch:
    for item in scan["Items"]:  # expect: OPS103
        batch.delete_item(Key={"pk": item["pk"], "sk": item["sk"]})  # expect: OPS101, OPS201
print("purged", len(scan["Items"]), "items from", TABLE)
