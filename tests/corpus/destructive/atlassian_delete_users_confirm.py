import sys

from atlassian import Jira

jira = Jira(url="https://jira.example.com", token=open("/etc/jira-token").read().strip())


def ask(question):
    reply = input(question + " [y/N] ")
    return reply.strip().lower() in ("y", "yes")


def main(usernames):
    if len(usernames) > 10:
        sys.exit("more than 10 users: split the list")
    for name in usernames:
        user = jira.user(name)
        print(name, user.get("displayName"), user.get("active"))
    if not ask(f"Remove {len(usernames)} users from Jira?"):
        return
    for name in usernames:
        jira.user_remove(name)


if __name__ == "__main__":  # expect: OPS201
    main(sys.argv[1:])
