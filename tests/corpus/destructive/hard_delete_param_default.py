"""Shared helpers for the tenant offboarding jobs."""
import logging

log = logging.getLogger(__name__)


def remove_tenant(api, tenant_id, hard=True):  # expect: OPS102
    log.info("removing tenant %s (hard=%s)", tenant_id, hard)
    api.delete_tenant(tenant_id, hard=hard)  # expect: OPS101


def remove_user(api, user_id, mode="soft"):
    if mode == "soft":
        api.deactivate_user(user_id)
    else:
        api.hard_delete_user(user_id)  # expect: OPS101
