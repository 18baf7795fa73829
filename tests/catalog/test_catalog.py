"""Every catalog entry (rules/catalog.yaml) matched by the real matcher: positives and lookalikes.

Each case is a line of code (run after a header of common imports), the catalog
entry it must match (None: it must match nothing) and optionally the effect.
"""

from __future__ import annotations

import libcst as cst
import pytest

from linter.analysis import build
from linter.testing import default_settings

PRE = (
    "import os, shutil, subprocess, requests, httpx, re, logging, gc, faulthandler, urllib3, urllib.request, cv2\n"
    "from pathlib import Path\n"
    "import sqlalchemy as sa\n"
    "from sqlalchemy import delete\n"
    "from sqlalchemy import text\n"
)

CASES = [
 # code, expected id (None = no match), expected effect
 ("shutil.rmtree(p)", "stdlib.shutil.rmtree"),
 ("os.remove(p)", "stdlib.os.remove"), ("os.unlink(p)", "stdlib.os.remove"),
 ("os.rmdir(p)", None), ("os.removedirs(p)", None), ("Path(p).rmdir()", None),
 ("Path(p).unlink()", "stdlib.pathlib.unlink"),
 ("xs.remove(1)", None), ("d.pop('a')", None), ("os.environ.pop('X')", None), ("s.discard(1)", None), ("d.clear()", None),
 ("pool.terminate()", None), ("proc.terminate()", None), ("subprocess.Popen(['x']).terminate()", None),
 ("re.purge()", None), ("logging.disable(logging.INFO)", None), ("gc.disable()", None), ("faulthandler.disable()", None),
 ("urllib3.disable_warnings()", None), ("requests.packages.urllib3.disable_warnings()", None), ("profiler.disable()", None),
 ("stdscr.erase()", None), ("win.erase()", None), ("root.destroy()", None), ("self.master.destroy()", None), ("main_window.destroy()", None),
 ("cv2.destroyAllWindows()", None), ("cache.delete(key)", None), ("redis_cache.delete(key)", None), ("message.delete()", None),
 ("sqs.delete_message(QueueUrl=u, ReceiptHandle=h)", None), ("df.drop(columns=['a'])", None),
 ("client = boto3.client('sqs')\nclient.delete_message(QueueUrl=u, ReceiptHandle=h)", None),
 ("client = boto3.client('ec2')\nclient.delete_snapshot(SnapshotId=s)", "aws.ec2.delete_snapshot"),
 ("fd = os.open(LOCK_PATH, os.O_CREAT | os.O_EXCL)\nos.remove(LOCK_PATH)", None),
 ("open(self.pid_file, 'w').write('1')\nos.unlink(self.pid_file)", None),
 ("Path('/run/reaper.lock').touch()\nPath('/run/reaper.lock').unlink()", None),
 ("os.remove(LOCK_PATH)", "stdlib.os.remove"),  # another program's lock: not the script's own
 ("open(f'/srv/exports/{pid}.csv', 'w')\nos.remove(f'/srv/exports/{pid}.csv')", "stdlib.os.remove"),
 ("open(block_path, 'w')\nos.remove(block_path)", "stdlib.os.remove"),
 ("for c in client.containers.list(all=True):\n    c.remove()", "docker.remove"),
 ("stopped = client.containers.list(all=True)\nfor c in stopped:\n    c.remove()", "docker.remove"),
 ("for n in names:\n    n.remove()", None), ("for n in containers:\n    names.remove(n)", None),
 ("np.delete(samples, 0)", None), ("numpy.delete(samples, [1, 2])", None), ("cache.delete_many(keys)", None),
 ("db.events.delete_many({'ts': {'$lt': cutoff}})", "mongo.delete_many"),
 ("client.users.delete(uid)", "http.client.delete"),
 # subprocess commands
 ("subprocess.run(['rm', '-rf', path])", "shell.rm_recursive"),
 ("subprocess.run(['rm', '-fr', path])", "shell.rm_recursive"),
 ("subprocess.run(['rm', '-r', path])", "shell.rm_recursive"),
 ("subprocess.run(['rm', '--recursive', path])", "shell.rm_recursive"),
 ("subprocess.run(['rm', '-f', '-R', path])", "shell.rm_recursive"),
 ("subprocess.run(['/bin/rm', '-rf', path])", "shell.rm_recursive"),
 ("os.system(f'sudo rm -rf {path}')", "shell.rm_recursive"),
 ("os.system(f'cd {d} && rm -rf build')", "shell.rm_recursive"),
 ("os.system(f'find {d} -name x -exec rm -rf {{}} +')", "shell.rm_recursive"),
 ("subprocess.run(['rm', '-f', path])", None),
 ("subprocess.run(['git', 'rm', '-r', '--cached', path])", None),
 ("subprocess.run(['rm', '-f', '/tmp/r'])", None),
 ("os.system(f'find {d} -mtime +30 -delete')", "shell.find_delete"),
 ("subprocess.run(['aws', 's3', 'rm', uri, '--recursive'])", "shell.aws_s3_rm_recursive"),
 ("subprocess.run(['aws', '--profile', 'p', 's3', 'rm', 's3://b', '--recursive'])", "shell.aws_s3_rm_recursive"),
 ("subprocess.run(['aws', 's3', 'rm', 's3://b/key'])", None),
 ("subprocess.run(['aws', 's3', 'rb', 's3://b', '--force'])", "shell.aws_s3_rb_force"),
 ("subprocess.run(['aws', 's3', 'sync', src, dst, '--delete'])", "shell.aws_s3_sync_delete"),
 ("subprocess.run(['aws', 'ec2', 'terminate-instances', '--instance-ids', i])", "shell.aws_cli_delete"),
 ("subprocess.run(['aws', '--region', 'us-east-1', 'rds', 'delete-db-instance', '--db-instance-identifier', x])", "shell.aws_cli_delete"),
 ("subprocess.run(['aws', 'ec2', 'describe-instances', '--filters', 'Name=tag:delete-me,Values=1'])", None),
 ("subprocess.run(['kubectl', 'delete', 'ns', ns])", "shell.kubectl_delete"),
 ("subprocess.run(['kubectl', '-n', 'prod', 'delete', 'ns', 'x'])", "shell.kubectl_delete"),
 ("subprocess.run(['kubectl', '--context=prod', 'delete', 'pvc', '--all'])", "shell.kubectl_delete"),
 ("subprocess.run(['kubectl', 'delete', 'ns', ns, '--dry-run=client'])", None),
 ("subprocess.run(['kubectl', 'get', 'pods', '-l', 'app=delete'])", None),
 ("subprocess.run(['gcloud', 'compute', 'instances', 'delete', vm, '--zone', z, '--quiet'])", "shell.gcloud_delete"),
 ("subprocess.run(['gcloud', '--project', p, 'sql', 'instances', 'delete', db])", "shell.gcloud_delete"),
 ("subprocess.run(['gcloud', 'compute', 'instances', 'list', '--filter', 'name~delete'])", None),
 ("subprocess.run(['gsutil', '-m', 'rm', '-r', 'gs://b/p'])", "shell.gcs_rm_recursive"),
 ("subprocess.run(['gcloud', 'storage', 'rm', '--recursive', 'gs://b/p'])", "shell.gcs_rm_recursive"),
 ("subprocess.run(['az', 'group', 'delete', '--name', rg, '--yes'])", "shell.az_delete"),
 ("subprocess.run(['terraform', 'destroy', '-auto-approve'])", "shell.terraform_destroy"),
 ("subprocess.run(['terraform', '-chdir=infra', 'destroy'])", "shell.terraform_destroy"),
 ("subprocess.run(['terraform', 'plan', '-destroy'])", None),
 ("subprocess.run(['terraform', 'apply', '-destroy', '-auto-approve'])", "shell.terraform_apply_destroy"),
 ("subprocess.run(['terraform', 'apply', 'plan.tfplan'])", None),
 ("subprocess.run(['helm', 'uninstall', rel, '-n', ns])", "shell.helm_uninstall"),
 ("subprocess.run(['helm', '--kube-context', 'c', 'delete', rel])", "shell.helm_uninstall"),
 ("subprocess.run(['helm', 'upgrade', rel, chart])", None),
 ("subprocess.run(['psql', dsn, '-c', 'DROP TABLE events'])", "shell.sql_drop_truncate"),
 ("subprocess.run(f'psql {dsn} -c \"TRUNCATE audit_log\"', shell=True)", "shell.sql_drop_truncate"),
 ("subprocess.run(['mysql', '-h', h, '-e', 'BEGIN; DROP DATABASE shop'])", "shell.sql_drop_truncate"),
 ("subprocess.run(['psql', dsn, '-c', 'SELECT drop_reason FROM t'])", None),
 ("subprocess.run(['dropdb', '-h', h, name])", "shell.dropdb"),
 ("subprocess.run(['redis-cli', '-h', h, 'FLUSHALL'])", "shell.redis_flush"),
 ("subprocess.run(['rsync', '-a', '--delete', src, dst])", "shell.rsync_delete"),
 ("subprocess.run(['rsync', '-a', src, dst])", None),
 ("subprocess.run(['curl', '-s', '-X', 'DELETE', url])", "shell.curl_delete"),
 ("os.system(f'curl --request DELETE {api}/pipelines/{pid}')", "shell.curl_delete"),
 ("subprocess.run(['curl', '-X', 'GET', url])", None),
 ("subprocess.run(['terraform', 'workspace', 'delete', '-force', ws])", "shell.terraform_workspace_delete_force"),
 ("subprocess.run(['terraform', 'workspace', 'delete', ws])", None),
 # SQL
 ("cur.execute('DROP TABLE IF EXISTS events_2019')", "sql.drop"),
 ("cur.execute('drop table events')", "sql.drop"),
 ("cur.execute('-- cleanup\\nDROP SCHEMA old CASCADE')", "sql.drop"),
 ("cur.execute('DROP INDEX idx_x')", None), ("cur.execute('DROP TEMPORARY TABLE t')", None),
 ("cur.execute('TRUNCATE TABLE audit')", "sql.truncate"),
 ("cur.execute('''\n    DELETE FROM events\n    WHERE created_at < %s\n''', (cutoff,))", "sql.delete_from"),
 ("cur.execute('SELECT * FROM t WHERE note = \\'DELETE FROM x\\'')", None),
 ("cur.execute('ALTER TABLE users DROP COLUMN ssn')", "sql.alter_drop_column"),
 ("cur.execute('ALTER TABLE users DROP CONSTRAINT fk')", None),
 ("conn.execute(text('DELETE FROM sessions WHERE expires < now()'))", "sql.delete_from"),
 ("cur.execute('SELECT 1')", None),
 # HTTP
 ("requests.delete(url)", "http.requests.delete"), ("httpx.delete(url)", "http.requests.delete"),
 ("session.request('DELETE', url)", "http.request.delete_verb"), ("http.request('DELETE', url)", "http.request.delete_verb"),
 ("session.request('GET', url)", None),
 ("session.request(method='DELETE', url=url)", "http.request.delete_keyword"), ("session.request(method='GET', url=url)", None),
 ("urllib.request.Request(url, method='DELETE')", "http.urllib.delete_request"),
 ("urllib.request.Request(url, method='PUT')", None), ("urllib.request.Request(url)", None),
 # RPC-style URLs: the verb is in the path
 ("requests.post('https://slack.com/api/files.delete', data={'file': f})", "http.slack.delete_method"),
 ("urlopen('https://slack.com/api/chat.delete?' + urlencode(q))", "http.slack.delete_method"),
 ("requests.get(f'https://slack.com/api/files.list?token={t}')", None),
 ("requests.get('https://slack.com/api/chat.deleteScheduledMessage')", None),
 ("session.post(url=f'{API}/users/{uid}/delete')", None),
 ("client.files_delete(file=f['id'])", "slack_sdk.delete_method"),
 ("sc.api_call('files.delete', json={'file': fid})", "slack_sdk.api_call_files_delete"),
 ("sc.api_call('chat.delete', channel=c, ts=ts)", "slack_sdk.api_call_chat_delete"),
 ("sc.api_call('files.list', count=10)", None),
 ("client.chat_delete(channel=c, ts=ts)", "slack_sdk.delete_method"),
 ("session.delete(url)", "http.client.delete"), ("self._http.delete(url)", "http.client.delete"),
 ("db.session.delete(user)", "sqlalchemy.session.delete"),
 # brokers, CI, identity, mail
 ("admin.delete_topics(topics=names)", "kafka.delete_topics"),
 ("channel.queue_delete(queue=q)", "rabbitmq.queue_delete"), ("ch.exchange_delete('logs')", "rabbitmq.queue_delete"),
 ("channel.queue_purge('jobs')", "rabbitmq.queue_purge"),
 ("server.delete_job(name)", "jenkins.delete"), ("j.job_delete(name)", "jenkins.delete"),
 ("client.deactivate_or_delete_user(uid)", "okta.deactivate_or_delete"),
 ("mail.expunge()", "imap.expunge"), ("db.session.expunge(obj)", None),
 ("iam.update_access_key(UserName=u, AccessKeyId=k, Status='Inactive')", "aws.iam.deactivate_access_key"),
 ("iam.update_access_key(UserName=u, AccessKeyId=k, Status='Active')", None),
 # AWS
 ("s3.delete_objects(Bucket=b, Delete={'Objects': objs})", "aws.s3.delete_objects"),
 ("s3.delete_object(Bucket=b, Key=k)", "aws.s3.delete_object"),
 ("bucket.objects.all().delete()", "aws.s3.resource.collection_delete"),
 ("s3.Bucket(b).objects.filter(Prefix=p).delete()", "aws.s3.resource.collection_delete"),
 ("bucket.object_versions.delete()", "aws.s3.resource.collection_delete"),
 ("ec2.terminate_instances(InstanceIds=ids)", "aws.ec2.terminate_instances"),
 ("instance.terminate()", "aws.ec2.resource.terminate"),
 ("ec2.instances.filter(Filters=f).terminate()", "aws.ec2.resource.collection_terminate"),
 ("instance_pool.terminate()", None),
 ("ec2.delete_snapshot(SnapshotId=s)", "aws.ec2.delete_snapshot"),
 ("rds.delete_db_instance(DBInstanceIdentifier=x, SkipFinalSnapshot=True)", "aws.rds.delete_db", "permanent"),
 ("rds.delete_db_cluster(DBClusterIdentifier=x, FinalDBSnapshotIdentifier=y)", "aws.rds.delete_db", "recoverable"),
 ("sm.delete_secret(SecretId=s)", "aws.secretsmanager.delete_secret", "recoverable"),
 ("sm.delete_secret(SecretId=s, ForceDeleteWithoutRecovery=True)", "aws.secretsmanager.delete_secret", "permanent"),
 ("kms.schedule_key_deletion(KeyId=k, PendingWindowInDays=7)", "aws.kms.schedule_key_deletion", "recoverable"),
 ("ecr.batch_delete_image(repositoryName=r, imageIds=ids)", "aws.batch_delete"),
 ("table.delete_item(Key=k)", "generic.delete_prefix"),
 # GCP / Azure
 ("bucket.blob(name).delete()", "gcp.storage.blob.delete"),
 ("client.bucket(b).delete(force=True)", "gcp.storage.bucket.delete"),
 ("bucket.delete_blobs(blobs)", "cloud.delete_blobs"),
 ("bq.delete_dataset(ds, delete_contents=True)", "gcp.bigquery.delete_dataset"),
 ("bq.delete_table(t)", "cloud.delete_table"),
 ("compute_v1.InstancesClient().delete(project=p, zone=z, instance=i)", "gcp.compute.client_delete"),
 ("resource_client.resource_groups.begin_delete(rg)", "azure.mgmt.begin_delete"),
 ("secret_client.begin_delete_secret(n)", "azure.keyvault.begin_delete", "recoverable"),
 # k8s
 ("v1.delete_namespace(name=ns)", "k8s.delete_namespace"),
 ("v1.delete_namespaced_persistent_volume_claim(name=n, namespace=ns)", "k8s.delete_namespaced"),
 ("v1.delete_collection_namespaced_pod(namespace=ns, label_selector=s)", "k8s.delete_collection"),
 # Atlassian / git
 ("jira.delete_issue(key)", "atlassian.jira.delete_issue"),
 ("jira.issue(key).delete()", "atlassian.jira.issue.delete"),
 ("confluence.remove_page(page_id)", "atlassian.confluence.remove_page", "recoverable"),
 ("confluence.remove_page(page_id, status='trashed')", "atlassian.confluence.remove_page", "permanent"),
 ("confluence.delete_space(key)", "atlassian.confluence.delete_space"),
 ("jira.user_remove(username=u)", "atlassian.user_remove"),
 ("room.remove_user(u)", None),
 ("g.get_repo(name).delete()", "github.repo.delete"), ("report.delete()", "generic.delete"),
 ("gl.projects.delete(pid)", "gitlab.project.delete"),
 ("repo.delete_branch(b)", "git.delete_branch", "recoverable"),
 # ES / Redis / Mongo / ORM
 ("es.indices.delete(index='logs-*')", "elasticsearch.indices.delete"),
 ("es.delete_by_query(index=i, body=q)", "elasticsearch.delete_by_query"),
 ("r.flushall()", "redis.flush"),
 ("client.drop_database('shop')", "db.drop_database"),
 ("db.drop_collection('users')", "mongo.drop_collection"),
 ("db.users.drop()", "mongo.collection.drop"), ("db['users'].drop()", "mongo.collection.drop"),
 ("users_collection.drop()", "mongo.collection.drop"),
 ("coll.delete_many({})", "mongo.delete_many"), ("coll.delete_one({'_id': x})", "mongo.delete_one"),
 ("Issue.objects.filter(created__lt=c).delete()", "orm.bulk_delete"),
 ("session.query(User).filter(User.x < 1).delete()", "orm.bulk_delete"),
 ("User.query.filter_by(active=False).delete()", "orm.bulk_delete"),
 ("session.execute(delete(User).where(User.id.in_(ids)))", "sqlalchemy.core.delete"),
 ("Base.metadata.drop_all(engine)", "sqlalchemy.metadata.drop_all"),
 ("users_table.drop(engine)", "sqlalchemy.table.drop"),
 # recoverable / generic
 ("client.mark_for_deletion(site_id)", "recoverable.mark_for_deletion", "recoverable"),
 ("client.permanently_delete(site_id)", "generic.permanently_delete", "permanent"),
 ("api.soft_delete_user(u)", "recoverable.soft_delete", "recoverable"),
 ("client.disable_app(a)", "recoverable.disable", "recoverable"),
 ("client.hard_delete(x)", "generic.hard_delete"),
 ("op.drop_table('users')", "generic.drop_table"),
 ("app.control.purge()", "generic.purge"),
 ("stack.destroy()", "generic.destroy"),
 ("emr.terminate_job_flows(JobFlowIds=ids)", "generic.terminate"),
 ("obj.delete()", "generic.delete"),
 ("client.delete_widget(w)", "generic.delete_prefix"),
]

MORE = [
 ("subprocess.run(['gcloud', 'compute', 'instances', 'list', '--filter', \"'name: delete'\"])", None),
 ("subprocess.run(['az', 'vm', 'list', '--query', \"'[?name==delete]'\"])", None),
 ("subprocess.run(['az', '--subscription', s, 'storage', 'account', 'delete', '-n', n])", "shell.az_delete"),
 ("bucket.objects.all().delete()", "aws.s3.resource.collection_delete"),
 ("Issue.objects.all().delete()", "orm.bulk_delete"),
]


# one positive per remaining entry, and lookalikes of the broad globs
EXTRA = [
    ("confluence.delete_page(page_id)", "atlassian.confluence.delete_page"),
    ("confluence.remove_page_from_trash(page_id)", "atlassian.confluence.purge_page"),
    ("backup.delete_recovery_point(BackupVaultName=v, RecoveryPointArn=a)", "aws.backup.delete_recovery_point"),
    ("cfn.delete_stack(StackName=name)", "aws.cloudformation.delete_stack"),
    ("ec2.delete_volume(VolumeId=v)", "aws.ec2.delete_volume"),
    ("ec2.deregister_image(ImageId=ami)", "aws.ec2.deregister_image"),
    ("efs.delete_file_system(FileSystemId=fs)", "aws.efs.delete_file_system"),
    ("logs.delete_log_group(logGroupName=g)", "aws.logs.delete_log_group"),
    ("rds.delete_db_snapshot(DBSnapshotIdentifier=s)", "aws.rds.delete_db_snapshot"),
    ("s3.delete_bucket(Bucket=b)", "aws.s3.delete_bucket"),
    ("sqs.purge_queue(QueueUrl=u)", "aws.sqs.purge_queue"),
    ("secret_client.purge_deleted_secret(name)", "azure.keyvault.purge"),
    ("gcs.delete_blob(name)", "cloud.delete_blob"),
    ("compute.delete_instance(name)", "cloud.delete_instance"),
    ("docker_client.volumes.prune()", "docker.volumes.prune"),
    ("db.recursive_delete(doc_ref)", "gcp.firestore.recursive_delete"),
    ("tape.erase_all()", "generic.erase"),
    ("stdscr.erase()", None),
    ("disk.wipe()", "generic.wipe_nuke"),
    ("helper.nuke_environment(env)", "generic.wipe_nuke"),
    ("gh.delete_repo(name)", "git.delete_repo"),
    ("iam.delete_user(UserName=u)", "identity.delete_user"),
    ("ext.delete_custom_resource_definition(name=crd)", "k8s.delete_custom_resource_definition"),
    ("gl.delete_project(pid)", "project.delete_project"),
    ("client.archive_channel(c)", "recoverable.archive", "recoverable"),
    ("drive.trash_file(f)", "recoverable.trash", "recoverable"),
    ("drive.move_to_trash(f)", "recoverable.trash", "recoverable"),
    ("import send2trash\nsend2trash.send2trash(p)", "thirdparty.send2trash", "recoverable"),
    ("images.prune()", "docker.prune"),
    ("TEMPLATE = 'DELETE FROM {table} WHERE ts < now()'\ncur.execute(TEMPLATE.replace('{table}', t))", "sql.delete_from"),
    ("docker_client.containers.prune()", "docker.prune"),
    ("client.images.remove(image.id, force=True)", "docker.remove"),
    ("container.remove(v=True)", "docker.remove"),
    ("container_ids.remove(cid)", None),
    ("os.system('docker rmi ' + image)", "shell.docker_rm"),
    ("subprocess.run(['docker', 'volume', 'rm', vol])", "shell.docker_rm"),
    ("subprocess.run(['docker', 'system', 'prune', '-af'])", "shell.docker_rm"),
    ("subprocess.run(['docker', 'ps', '-a'])", None),
    ("subprocess.run(['docker', 'run', '--rm', 'alpine', 'true'])", None),
    ("cur.execute(sql.SQL('DROP TABLE {}').format(sql.Identifier(t)))", "sql.drop"),
    ("conn.execute(sa.text('TRUNCATE TABLE audit'))", "sql.truncate"),
    ("q = sa.text('DELETE FROM sessions')\nconn.execute(q)", "sql.delete_from"),
    ("shutil.make_archive(base, 'gztar', root)", None),
]

ALL = CASES + MORE + EXTRA


def last_match(code: str) -> tuple[str, str] | None:
    analysis = build("x.py", cst.parse_module(PRE + code + "\n"), default_settings())
    if not analysis.destructive:
        return None
    hit = analysis.destructive[-1]
    return hit.entry.id, hit.effect


@pytest.mark.parametrize("case", ALL, ids=[c[0][:60] for c in ALL])
def test_catalog_case(case: tuple[str, ...]) -> None:
    code, expected = case[0], case[1]
    got = last_match(code)
    assert (got[0] if got else None) == expected, f"{code!r}: expected {expected}, got {got}"
    if len(case) > 2:
        assert got is not None and got[1] == case[2]


def test_every_catalog_entry_has_a_positive_case() -> None:
    covered = {c[1] for c in ALL if c[1]}
    entries = {e.id for e in default_settings().catalog}
    missing = sorted(entries - covered)
    assert not missing, f"catalog entries without a test case: {missing}"
