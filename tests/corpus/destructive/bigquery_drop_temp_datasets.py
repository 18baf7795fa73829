from google.cloud import bigquery

client = bigquery.Client()

for ds in client.list_datasets():  # expect: OPS103
    if ds.dataset_id.startswith("tmp_"):
        print("dropping", ds.dataset_id)
        client.delete_dataset(ds.reference, delete_contents=True, not_found_ok=True)  # expect: OPS101, OPS201
