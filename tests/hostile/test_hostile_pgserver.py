"""A PostgreSQL server that completes the handshake and then never answers a statement: every command
gives up after the statement timeout with one clear line and exit 2 (no real PostgreSQL needed: a socket
speaks the start of the protocol)."""

from __future__ import annotations

import socket
import struct
import threading
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_one_line_error


def _message(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("!i", len(body) + 4) + body


def _handshake(conn: socket.socket) -> bool:
    """Answer SSL/GSS requests with N, the start-up message with AuthenticationOk and ReadyForQuery."""
    while True:
        head = conn.recv(8)
        if len(head) < 8:
            return False
        length, code = struct.unpack("!ii", head)
        rest = length - 8
        while rest > 0:
            got = conn.recv(rest)
            if not got:
                return False
            rest -= len(got)
        if code in (80877103, 80877104):  # SSLRequest, GSSENCRequest: not here
            conn.sendall(b"N")
            continue
        break
    params = [
        ("server_version", "16.0"),
        ("client_encoding", "UTF8"),
        ("standard_conforming_strings", "on"),
        ("DateStyle", "ISO, MDY"),
        ("integer_datetimes", "on"),
        ("TimeZone", "UTC"),
    ]
    out = _message(b"R", struct.pack("!i", 0))
    for k, v in params:
        out += _message(b"S", k.encode() + b"\0" + v.encode() + b"\0")
    out += _message(b"K", struct.pack("!ii", 1234, 5678)) + _message(b"Z", b"I")
    conn.sendall(out)
    return True


def _mute_server() -> tuple[socket.socket, int, threading.Event, list[int]]:
    """Accepts, shakes hands, reads every query and answers none; counts the connections shaken hands with."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    # Set here, not in the thread: a thread started late (a loaded machine) found the socket closed by
    # the test's teardown already and failed the next test's setup with "Bad file descriptor".
    server.settimeout(0.2)
    stop = threading.Event()
    greeted: list[int] = []
    held: list[socket.socket] = []

    def serve(conn: socket.socket) -> None:
        conn.settimeout(0.2)
        try:
            while not stop.is_set():
                try:
                    if _handshake(conn):
                        greeted.append(1)
                    break
                except TimeoutError:
                    continue
            while not stop.is_set():  # swallow what comes, answer nothing
                try:
                    if not conn.recv(65536):
                        break
                except TimeoutError:
                    continue
        except OSError:
            pass

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            held.append(conn)
            threading.Thread(target=serve, args=(conn,), daemon=True).start()
        for c in held:
            c.close()

    threading.Thread(target=accept, daemon=True).start()
    return server, server.getsockname()[1], stop, greeted


@pytest.mark.parametrize("command", [["stats"], ["sync"], ["backup", "--list"], ["leeches"]], ids=" ".join)
def test_a_server_that_shakes_hands_and_never_answers_gives_up_with_one_line(
    home: Path, run, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    from trainer.store import engine

    monkeypatch.setattr(engine, "STATEMENT_TIMEOUT_S", 1.5)
    server, port, stop, greeted = _mute_server()
    monkeypatch.setenv("TRAINER_DB", f"postgresql+psycopg://u@127.0.0.1:{port}/trainer?sslmode=disable")
    home.mkdir(mode=0o700)
    start = time.monotonic()
    try:
        ran = run(*command)
    finally:
        stop.set()
        server.close()
    took = time.monotonic() - start
    if command == ["backup", "--list"] and ran.code == 0:
        return  # lists the backups folder without the server: nothing to wait for
    assert greeted, "the client never got past the handshake: this test proves nothing"
    assert took < 20, took  # one timeout or a few, never for good
    assert_one_line_error(ran, "did not answer")
    print(f"{took:.1f} s: {ran.err.strip()}")
