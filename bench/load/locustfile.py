"""The officer mix of the load test (issue #13 items 10 and 12): what an enforcement officer's
browser or a provincial system does with a personal API token. Every virtual user is an officer of
青浦 or 吴江 (tokens from prepare.py, BENCH_TOKENS); weights per task:

    20  notifications unread count (the badge poll)       3  notifications list
    10  incoming clues (the work queue)                    4  outgoing clues
     8  one clue (detail)                                  6  incoming assistance requests
     4  one assistance request                             3  clues due soon (the queue, filtered)
     2  search clues by text                               2  directory search (青浦, 吴江, 嘉善 …)
     2  the write flow: a clue created and sent by this officer, signed for and accepted by an officer
        of the other agency (4 writes; each step named by its endpoint)
     1  /healthz — the floor of the stack, measured in the same run

Think time 0.5–2.5 s (mean 1.5 s) between a user's requests, or BENCH_WAIT=0 for the capacity run."""

import json
import os
import random
from itertools import count

from locust import FastHttpUser, between, constant, task

TOKENS = json.loads(open(os.environ["BENCH_TOKENS"], encoding="utf-8").read())
SIDES = ("qingpu", "wujiang")
AGENCIES = {}  # side → the other side's agency public id, learned from the first clue
_numbers = count(1)
WAIT = float(os.environ.get("BENCH_WAIT", "1.5"))


class Officer(FastHttpUser):
    wait_time = between(max(0.0, WAIT - 1.0), WAIT + 1.0) if WAIT > 0 else constant(0)

    def on_start(self):
        n = next(_numbers)
        self.side = SIDES[n % 2]
        self.other = SIDES[(n + 1) % 2]
        mine, theirs = TOKENS[self.side], TOKENS[self.other]
        self.auth = {"Authorization": f"Bearer {mine[n % len(mine)]}"}
        self.peer = {"Authorization": f"Bearer {theirs[n % len(theirs)]}"}
        self.clues, self.requests = [], []

    def _get(self, path, name, headers=None):
        with self.client.get(path, headers=headers or self.auth, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
                return None
            return response.json()

    def _post(self, path, body, name, headers=None, expect=200):
        with self.client.post(
            path, json=body, headers=headers or self.auth, name=name, catch_response=True
        ) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code}: {response.text[:120]}")
                return None
            return response.json()

    @task(20)
    def unread_count(self):
        self._get("/api/v1/notifications/unread-count", "GET /notifications/unread-count")

    @task(3)
    def notifications(self):
        self._get("/api/v1/notifications/?page=1", "GET /notifications/")

    @task(10)
    def incoming(self):
        rows = self._get("/api/v1/transfers/incoming?limit=20", "GET /transfers/incoming")
        if rows:
            self.clues = [row["id"] for row in rows]
            for row in rows:
                AGENCIES.setdefault(self.other, row["sender"]["id"])

    @task(4)
    def outgoing(self):
        rows = self._get("/api/v1/transfers/outgoing?limit=20", "GET /transfers/outgoing")
        if rows:
            self.clues = self.clues[:10] + [row["id"] for row in rows][:10]
            for row in rows:
                AGENCIES.setdefault(self.side, row["sender"]["id"])

    @task(8)
    def clue(self):
        if self.clues:
            self._get(f"/api/v1/transfers/{random.choice(self.clues)}", "GET /transfers/{id}")

    @task(3)
    def due_soon(self):
        self._get("/api/v1/transfers/incoming?deadline=due_soon&limit=20", "GET /transfers/incoming?deadline")

    @task(6)
    def assistance_incoming(self):
        page = self._get("/api/v1/assistance/incoming?limit=20", "GET /assistance/incoming")
        if page:
            self.requests = [item["id"] for item in page["items"]]

    @task(4)
    def assistance_one(self):
        if self.requests:
            self._get(f"/api/v1/assistance/{random.choice(self.requests)}", "GET /assistance/{id}")

    @task(2)
    def search_clues(self):
        self._get("/api/v1/transfers/incoming?q=%E6%B8%A3%E5%9C%9F&limit=20", "GET /transfers/incoming?q")

    @task(2)
    def directory_search(self):
        q = random.choice(["青浦", "吴江", "嘉善", "综合执法", "城市管理局", "3101"])
        self._get(f"/api/v1/directory/agencies?q={q}", "GET /directory/agencies?q")

    @task(2)
    def write_flow(self):
        receiver = AGENCIES.get(self.other)
        if receiver is None:
            self.incoming()
            self.outgoing()
            return
        body = {
            "receiver": receiver,
            "matter": "0302",
            "title": "压测写入：渣土车夜间偷倒建筑垃圾",
            "facts": "巡查发现一辆重型自卸货车在省界附近空地倾倒建筑垃圾约30吨。",
            "place_address": "省界附近空地",
            "place_division": "320509" if self.other == "wujiang" else "310118",
            "parties": [
                {
                    "kind": "vehicle",
                    "name": "重型自卸货车",
                    "plate": f"沪D{random.randint(10000, 99999)}",
                    "role": "vehicle",
                }
            ],
        }
        created = self._post("/api/v1/transfers/", body, "POST /transfers/ (create)", expect=201)
        if not created:
            return
        base = f"/api/v1/transfers/{created['id']}/actions/"
        if self._post(base + "send", {}, "POST /transfers/{id}/actions/send"):
            if self._post(base + "sign", {}, "POST /transfers/{id}/actions/sign", headers=self.peer):
                self._post(base + "accept", {}, "POST /transfers/{id}/actions/accept", headers=self.peer)

    @task(1)
    def healthz(self):
        self._get("/healthz", "GET /healthz (floor)", headers={})
