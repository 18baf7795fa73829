"""Delete customers created by the integration tests in Stripe test mode."""
import os
import sys

import stripe

stripe.api_key = os.environ["STRIPE_TEST_KEY"]
if not stripe.api_key.startswith("sk_test_"):
    sys.exit("refusing: not a test-mode key")

DRY_RUN = "--commit" not in sys.argv
deleted = 0
for customer in stripe.Customer.list(email="ci@example.com", limit=100).auto_paging_iter():
    if deleted >= 500:
        break
    print(customer.id)
    if not DRY_RUN:
        stripe.Customer.delete(customer.id)
    deleted += 1
