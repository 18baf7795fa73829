"""Delete CI pipelines older than 90 days to free artifact storage."""
import datetime
import os

import gitlab

gl = gitlab.Gitlab("https://gitlab.example.com", private_token=os.environ["GL_TOKEN"])
CUTOFF = (datetime.datetime.utcnow() - datetime.timedelta(days=90)).isoformat()
EXECUTE = os.environ.get("EXECUTE", "no") == "yes"
MAX_PIPELINES = 500


def main(project_path):
    project = gl.projects.get(project_path)
    old = project.pipelines.list(updated_before=CUTOFF, iterator=True)
    for n, pipeline in enumerate(old):
        if n >= MAX_PIPELINES:
            break
        print(pipeline.id, pipeline.updated_at)
        if EXECUTE:
            pipeline.delete()


if __name__ == "__main__":
    main("platform/monorepo")
