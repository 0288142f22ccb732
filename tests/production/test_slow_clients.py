"""Slow clients are nginx's to absorb: 20 connections dribbling their headers do not delay /healthz."""

import socket
import ssl
import threading
import time

import requests


def test_twenty_slow_header_connections_do_not_delay_healthz(stack):
    context = ssl.create_default_context(cafile=stack.cert)
    stop = threading.Event()
    opened = []

    def slow_client():
        raw = socket.create_connection((stack.host, stack.https_port), timeout=10)
        conn = context.wrap_socket(raw, server_hostname=stack.host)
        opened.append(conn)
        conn.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        while not stop.wait(1):
            try:
                conn.sendall(b"X-Slow: 1\r\n")  # one header line a second, never the end of the headers
            except OSError:
                return

    threads = [threading.Thread(target=slow_client, daemon=True) for _ in range(20)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)  # every slow connection is open and has sent part of its headers
        assert len(opened) == 20
        timings = []
        for _ in range(5):
            started = time.monotonic()
            reply = requests.get(f"{stack.url}/healthz", verify=stack.cert, timeout=10)
            timings.append(time.monotonic() - started)
            assert reply.status_code == 200
            time.sleep(0.5)
        assert max(timings) < 1.0, timings
    finally:
        stop.set()
        for conn in opened:
            conn.close()
