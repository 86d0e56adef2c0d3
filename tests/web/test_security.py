"""Bad input and hostile requests: clear errors with file, line and field; no traceback;
no DNS rebinding or cross-site posts; a bounded pool that answers "busy"; user text inert."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

import grandbargain as gb
from grandbargain.web import MAX_UPLOAD_BYTES, create_app

from ..conftest import DATA
from ..hostile import SCRIPT, hostile_yaml
from .app_support import SHIPPED, assert_clean_error
from .conftest import BASE_URL

SMALL = (DATA / "small.yaml").read_text(encoding="utf-8")
OCTET = {"content-type": "application/octet-stream"}


def upload(client: TestClient, name: str, content: bytes) -> Any:
    return client.post(f"/api/upload?name={name}", content=content, headers=OCTET)


def truth(text: str, name: str) -> list[gb.api.Problem]:
    try:
        gb.load_scenario_text(text, name)
    except gb.InputError as error:
        return list(error.problems)
    raise AssertionError("loads without problems")


# --- uploads -------------------------------------------------------------------------------

BAD_FILES = {
    "malformed": "schema_version: 1\nid: broken\ntitle: [unclosed\nparties: {\n",
    "unknown-id": SMALL.replace(
        "bucket: trade\n    search_terms", "bucket: nowhere\n    search_terms"
    ),
    "unknown-option": SMALL.replace("red_lines: [open]", "red_lines: [wide-open]"),
    "impossible-number": SMALL.replace("weight: 30", "weight: -30"),
    "outside-the-scale": SMALL.replace(
        "values: {high: 100, low: 0}", "values: {high: 140, low: 0}"
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_upload_names_file_line_column_and_field(client: TestClient, kind: str) -> None:
    text = BAD_FILES[kind]
    assert text != SMALL
    name = f"{kind}.yaml"
    body = assert_clean_error(upload(client, name, text.encode()), 422)
    expected = truth(text, name)
    assert [
        (p["file"], p["line"], p["column"], p["field"], p["message"]) for p in body["problems"]
    ] == [(p.file, p.line, p.column, p.field, p.message) for p in expected]
    assert all(p["line"] > 0 for p in body["problems"])
    assert body["problems"][0]["text"] == str(expected[0])
    # the same text sent inside a what-if request fails the same way
    again = client.post("/api/whatif", json={"scenario": {"text": text, "name": name}})
    assert assert_clean_error(again, 422)["problems"] == body["problems"]


def test_the_upload_name_only_labels_problems(client: TestClient) -> None:
    body = assert_clean_error(upload(client, "../../etc/passwd", b"id: [\n"), 422)
    assert body["problems"][0]["file"] == "passwd"


def test_non_utf8_and_binary_uploads_are_refused_clearly(client: TestClient) -> None:
    latin = SMALL.replace("Small two-party", "Petit caf\u00e9").encode("latin-1")
    body = assert_clean_error(upload(client, "latin.yaml", latin), 422)
    assert "not UTF-8" in body["problems"][0]["message"]
    assert body["problems"][0]["file"] == "latin.yaml"
    binary = assert_clean_error(upload(client, "x.yaml", b"\x00\x01\x02"), 422)
    assert "binary" in binary["problems"][0]["message"]


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        part = min(size, total - sent)
        sent += part
        yield b"#" * part


def test_uploads_over_one_megabyte_get_413_even_without_content_length(
    client: TestClient,
) -> None:
    assert MAX_UPLOAD_BYTES == 1_000_000
    big = b"# padding\n" * 110_000
    body = assert_clean_error(upload(client, "big.yaml", big), 413)
    assert "1 MB" in body["message"] and "1,000,000 bytes" in body["message"]
    streamed = client.post("/api/upload?name=big.yaml", content=_chunks(1_200_000), headers=OCTET)
    assert "content-length" not in streamed.request.headers  # chunked: nothing to trust
    assert "1 MB" in assert_clean_error(streamed, 413)["message"]
    text = big.decode()
    inline = client.post("/api/whatif", json={"scenario": {"text": text, "name": "big.yaml"}})
    assert "1 MB" in assert_clean_error(inline, 413)["message"]
    exactly = upload(client, "ok.yaml", SMALL.encode() + b"#" * (1_000_000 - len(SMALL.encode())))
    assert exactly.status_code == 200, exactly.text


def _laughs(levels: int = 9) -> str:
    text = "schema_version: 1\nl0: &l0 [" + ", ".join(['"lol"'] * 9) + "]\n"
    for level in range(1, levels):
        text += f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]\n"
    return text


def test_yaml_that_expands_through_aliases_is_refused_quickly(client: TestClient) -> None:
    started = time.perf_counter()
    body = assert_clean_error(upload(client, "laughs.yaml", _laughs().encode()), 422)
    [problem] = body["problems"]
    assert problem["file"] == "laughs.yaml" and problem["line"] > 0
    assert "aliases" in problem["message"]
    inline = {"scenario": {"text": _laughs(), "name": "laughs.yaml"}}
    again = assert_clean_error(client.post("/api/whatif", json=inline), 422)
    assert again["problems"] == body["problems"]
    assert time.perf_counter() - started < 5
    modest = SMALL.replace("search_terms: [tariff]", "search_terms: &terms [tariff]").replace(
        "    status_quo: closed", "    search_terms: *terms\n    status_quo: closed"
    )
    assert "*terms" in modest
    assert upload(client, "modest.yaml", modest.encode()).status_code == 200


# --- request bodies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"weights": {"Nobody": {"rare-earths": 1}}}, "weights.Nobody.rare-earths", "party"),
        ({"weights": {"China": {"tariffs": 1}}}, "weights.China.tariffs", "unknown issue"),
        ({"weights": {"China": {"rare-earths": -1}}}, "weights.China.rare-earths", "outside"),
        ({"reservation_values": {"Mars": 0.5}}, "reservation_values.Mars", "party"),
        (
            {"red_lines": {"China": {"rare-earths": ["bogus"]}}},
            "red_lines.China.rare-earths",
            "unknown option",
        ),
    ],
)
def test_impossible_changes_name_their_field(
    client: TestClient, changes: dict[str, Any], field: str, words: str
) -> None:
    response = client.post("/api/whatif", json={"scenario": SHIPPED, "changes": changes})
    body = assert_clean_error(response, 422)
    assert [p["field"] for p in body["problems"]] == [field]
    assert words in body["problems"][0]["message"]
    assert body["problems"][0]["file"] == "changes"


def test_changes_that_leave_an_invalid_scenario_are_refused(client: TestClient) -> None:
    china = gb.load_scenario("us-china-2025").party("China")
    zero = {"weights": {"China": dict.fromkeys(china.stances, 0)}}
    body = assert_clean_error(
        client.post("/api/whatif", json={"scenario": SHIPPED, "changes": zero}), 422
    )
    assert body["problems"][0]["field"] == "parties.China.stances"
    options = [o.id for o in gb.load_scenario("us-china-2025").issue("rare-earths").options]
    every = {"red_lines": {"China": {"rare-earths": options}}}
    body = assert_clean_error(
        client.post("/api/whatif", json={"scenario": SHIPPED, "changes": every}), 422
    )
    assert "rule out every option" in body["problems"][0]["message"]


def test_malformed_requests_get_clear_json_errors(client: TestClient) -> None:
    post = client.post
    headers = {"content-type": "application/json"}
    nan = (
        b'{"scenario": {"id": "us-china-2025"},'
        b' "changes": {"weights": {"China": {"rare-earths": NaN}}}}'
    )
    body = assert_clean_error(post("/api/whatif", content=nan, headers=headers), 422)
    assert body["problems"][0]["field"] == "changes.weights.China.rare-earths"
    body = assert_clean_error(post("/api/whatif", content=b"{not json", headers=headers), 400)
    assert body["problems"][0]["line"] == 1
    body = assert_clean_error(post("/api/whatif", content=b"\xff\xfe", headers=headers), 400)
    assert "UTF-8" in body["message"]
    unknown = {"scenario": SHIPPED, "scenario_path": "/etc/passwd"}
    body = assert_clean_error(post("/api/whatif", json=unknown), 422)
    assert body["problems"][0]["field"] == "scenario_path"
    body = assert_clean_error(post("/api/whatif", json={"scenario": {"id": "/etc/passwd"}}), 422)
    assert body["problems"][0]["field"] == "scenario.id"
    both = {"scenario": {"id": "us-china-2025", "text": SMALL}}
    assert_clean_error(post("/api/whatif", json=both), 422)
    rounds = {"scenario": SHIPPED, "rounds": 10**6}
    body = assert_clean_error(post("/api/simulate", json=rounds), 422)
    assert body["problems"][0]["field"] == "rounds"
    strategy = {"scenario": SHIPPED, "strategies": {"China": "cheat"}}
    body = assert_clean_error(post("/api/simulate", json=strategy), 422)
    assert "unknown strategy" in body["problems"][0]["message"]
    condition = {"scenario": SHIPPED, "conditions": {"allies": "vanished"}}
    body = assert_clean_error(post("/api/whatif", json=condition), 422)
    assert body["problems"][0]["field"] == "allies"
    parties = {"scenario": SHIPPED, "parties": ["China", "China"]}
    assert (
        assert_clean_error(post("/api/whatif", json=parties), 422)["problems"][0]["field"]
        == "parties"
    )
    issue = {"scenario": SHIPPED, "issue": "<nope>"}
    assert_clean_error(post("/api/evidence", json=issue), 422)
    assert_clean_error(client.get("/api/whatif"), 405)
    assert_clean_error(client.get("/api/nothing"), 404)


def test_pages_that_do_not_exist_get_a_plain_escaped_error_page(client: TestClient) -> None:
    response = client.get("/<script>alert(1)</script>")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>alert" not in response.text and "&lt;script&gt;" in response.text


def test_a_forced_internal_error_is_a_500_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from grandbargain.web import service

    def explode(*_: Any) -> Any:
        raise RuntimeError("secret detail at /home/someone/file.py")

    app = create_app(processes=False)  # the patch must reach the workers: threads here
    monkeypatch.setattr(service, "whatif", explode)
    monkeypatch.setattr(gb.api, "strategy_descriptions", explode)
    with TestClient(app, base_url=BASE_URL, raise_server_exceptions=False) as client:
        response = client.post("/api/whatif", json={"scenario": SHIPPED})
        body = assert_clean_error(response, 500)
        assert body["error"] == "internal error"
        assert "secret" not in response.text and "RuntimeError" not in response.text
        page = client.get("/")
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        assert "Traceback" not in page.text and "secret" not in page.text


# --- hosts, origins, headers ---------------------------------------------------------------


def test_the_host_header_must_name_this_server(client: TestClient) -> None:
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", "[::2]:8000", ""):
        body = assert_clean_error(client.get("/", headers={"host": host}), 400)
        assert body["error"] == "bad host"
    posted = client.post(
        "/api/whatif", json={"scenario": SHIPPED}, headers={"host": "evil.example"}
    )
    assert_clean_error(posted, 400)
    for host in ("127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "127.0.0.1"):
        assert client.get("/", headers={"host": host}).status_code == 200, host


def test_the_bound_host_and_named_hosts_are_allowed() -> None:
    app = create_app(host="192.0.2.10", allowed_hosts=["gb.example"])
    with TestClient(app, base_url="http://192.0.2.10:8000") as client:
        assert client.get("/").status_code == 200
        assert client.get("/", headers={"host": "gb.example:8000"}).status_code == 200
        assert client.get("/", headers={"host": "localhost"}).status_code == 200
        assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    wildcard = create_app(host="0.0.0.0")
    with TestClient(wildcard, base_url="http://0.0.0.0:8000") as client:
        assert client.get("/").status_code == 400  # a wildcard address is not a name
        assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_cross_site_posts_are_refused(client: TestClient) -> None:
    evil = {"origin": "http://evil.example"}
    body = assert_clean_error(
        client.post("/api/whatif", json={"scenario": SHIPPED}, headers=evil), 403
    )
    assert body["error"] == "forbidden"
    same = {"origin": BASE_URL}
    assert client.post("/api/whatif", json={"scenario": SHIPPED}, headers=same).status_code == 200
    form = client.post(
        "/api/whatif",
        content=json.dumps({"scenario": SHIPPED}),
        headers={"content-type": "text/plain"},
    )
    assert assert_clean_error(form, 415)["error"] == "unsupported media type"


def test_responses_carry_security_headers(client: TestClient) -> None:
    for response in (
        client.get("/"),
        client.get("/nothing"),
        client.get("/", headers={"host": "x"}),
    ):
        policy = response.headers["content-security-policy"]
        scripts = policy.split("script-src", 1)[1].split(";", 1)[0].split()
        assert "'self'" in scripts and "'unsafe-inline'" not in scripts  # no inline script
        assert "connect-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


# --- the bounded pool ----------------------------------------------------------------------


# Threads here, so the test can hold a worker with an event; test_pool.py and test_load.py
# run the same admission with worker processes.


def test_a_full_pool_answers_busy_at_once() -> None:
    app = create_app(workers=1, queue=0, processes=False)
    release = threading.Event()
    with TestClient(app, base_url=BASE_URL, raise_server_exceptions=False) as client:
        blocker = app.state.pool.submit(lambda: release.wait(30))
        try:
            started = time.perf_counter()
            response = client.post("/api/whatif", json={"scenario": SHIPPED})
            assert time.perf_counter() - started < 2.0
            body = assert_clean_error(response, 503)
            assert body["error"] == "busy"
            assert response.headers["retry-after"] == "1"
            assert client.get("/").status_code == 200  # the page itself needs no worker
        finally:
            release.set()
        blocker.result(timeout=30)
        assert client.post("/api/whatif", json={"scenario": SHIPPED}).status_code == 200


def test_waiting_requests_fill_the_queue_then_get_busy() -> None:
    app = create_app(workers=1, queue=1, processes=False)
    release = threading.Event()
    pool = app.state.pool
    running = pool.submit(lambda: release.wait(30))
    waiting = pool.submit(lambda: 1)
    with TestClient(app, base_url=BASE_URL, raise_server_exceptions=False) as client:
        try:
            assert_clean_error(client.post("/api/whatif", json={"scenario": SHIPPED}), 503)
        finally:
            release.set()
        running.result(timeout=30)
        assert waiting.result(timeout=30) == 1
        assert client.post("/api/whatif", json={"scenario": SHIPPED}).status_code == 200


# --- user text stays inert -----------------------------------------------------------------


def hostile_text() -> str:
    text = hostile_yaml()
    gb.load_scenario_text(text, "hostile.yaml")
    return text


def test_hostile_names_are_escaped_in_html_script_json_and_hover_text() -> None:
    text = hostile_text()
    name = f"evil{SCRIPT}.yaml"
    app = create_app(scenario_file=(name, text))
    with TestClient(app, base_url=BASE_URL) as client:
        page = client.get("/").text
        assert "<script>alert" not in page and "</script><script>" not in page
        assert "evil&lt;script&gt;alert(1)&lt;/script&gt;.yaml" in page
        raw = page.split('id="gb-config">', 1)[1].split("</script>", 1)[0]
        assert "<" not in raw and ">" not in raw and "&" not in raw and "\u2028" not in raw
        assert json.loads(raw)["file"] == {"name": name, "text": text}
        response = client.post("/api/whatif", json={"scenario": {"text": text, "name": "h.yaml"}})
        assert response.status_code == 200, response.text
        figure = response.json()["figure"]
        texts = [t for trace in figure["data"] for t in trace.get("text", [])]
        names = [trace["name"] for trace in figure["data"]]
        titles = [figure["layout"][k]["title"]["text"] for k in ("xaxis", "yaxis")]
        titles.append(figure["layout"]["title"]["text"])
        for shown in (*texts, *names, *titles):
            assert "<script" not in shown and "</script" not in shown, shown
        assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in texts)
        assert any("Alpha&lt;script&gt;" in t for t in titles)
        # the briefing's fragment, which the page inserts as HTML, holds the names as text
        fragment = response.json()["briefing_html"]
        assert fragment.startswith('<section id="briefing"')
        assert "<script" not in fragment and "<img" not in fragment
        assert "Evil &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in fragment
        # JSON answers are data: served as application/json, never sniffed as HTML
        assert response.headers["content-type"] == "application/json"
        assert response.headers["x-content-type-options"] == "nosniff"
