"""`make production` / `make production-stop`: the deploy/ stack on this machine, on loopback, without root.

PostgreSQL (database cnn_production on the local server), its own Redis, two gunicorn instances behind
nginx's upstream, a Celery worker and Celery beat, the registry and PayPal simulators as separate processes,
and nginx with a self-signed certificate on https://127.0.0.1:8443. Everything lives in var/production/:
the environment file (from deploy/cnn.env), the nginx configuration (from deploy/nginx/), logs, files and one
pid file per process; `stop` ends exactly those processes.

Usage: python scripts/production.py start [--fresh]|stop|status
"""

# ruff: noqa: S603 - every command run here is built from this file's constants, not from input
from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY = BASE_DIR / "deploy"
ROOT = BASE_DIR / "var" / "production"
PIDS, LOGS, TLS, NGINX = ROOT / "pids", ROOT / "logs", ROOT / "tls", ROOT / "nginx"
PYTHON = sys.executable
HOST = "127.0.0.1"
HTTPS_PORT = int(os.environ.get("PRODUCTION_HTTPS_PORT", "8443"))
HTTP_PORT = int(os.environ.get("PRODUCTION_HTTP_PORT", "8080"))
WEB_PORTS = (8101, 8102)
REGISTRY_PORT, PAYPAL_PORT, REDIS_PORT = 8111, 8112, 6391
DATABASE_URL = os.environ.get("PRODUCTION_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cnn_production")
URL = f"https://{HOST}:{HTTPS_PORT}"
CERT, KEY = TLS / "cert.pem", TLS / "key.pem"
NGINX_MODULES = Path("/usr/lib/nginx/modules")


def log(message: str) -> None:
    print(f"[production] {message}", flush=True)


# --------------------------------------------------------------------------------------------------------------
# The environment file: deploy/cnn.env with loopback values
# --------------------------------------------------------------------------------------------------------------


def local_environment() -> dict[str, str]:
    secret_file = ROOT / "secret_key"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(50))
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secret_file.read_text().strip(),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "CSRF_TRUSTED_ORIGINS": f"{URL},https://localhost:{HTTPS_PORT}",
        "SITE_URL": URL,
        # HSTS pins a host name for every port: a year of it on localhost would break `make run` in the browser.
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": f"rediscache://{HOST}:{REDIS_PORT}/1",
        "CELERY_BROKER_URL": f"redis://{HOST}:{REDIS_PORT}/0",
        "EMAIL_URL": "",
        "EMAIL_FILE_PATH": str(ROOT / "mail"),
        "DEFAULT_FROM_EMAIL": "Climate Neutral Now <noreply@cnn.example.org>",
        "STAFF_ALERT_EMAILS": "platform-admin@cnn.example.org",
        "STATIC_ROOT": str(ROOT / "static"),
        "MEDIA_ROOT": str(ROOT / "media"),
        "PRIVATE_MEDIA_ROOT": str(ROOT / "private"),
        "PRIVATE_MEDIA_X_ACCEL_REDIRECT_PREFIX": "/_private/",
        "API_TRUSTED_PROXY_COUNT": "1",
        "REGISTRY_URL": f"http://{HOST}:{REGISTRY_PORT}",
        "REGISTRY_TOKEN": "simulator-token",
        "REGISTRY_SIMULATOR_STATE": str(ROOT / "registry-simulator.json"),
        "PAYPAL_MODE": "simulator",
        "PAYPAL_CLIENT_ID": "simulator-client",
        "PAYPAL_CLIENT_SECRET": "simulator-secret",
        "PAYPAL_WEBHOOK_ID": "simulator-webhook",
        "PAYPAL_SIMULATOR_URL": f"http://{HOST}:{PAYPAL_PORT}",
        "PAYPAL_SIMULATOR_STATE_FILE": str(ROOT / "paypal-simulator.json"),
        # Webhooks go through nginx over HTTPS, as PayPal's do; the simulator trusts the self-signed certificate.
        "PAYPAL_SIMULATOR_WEBHOOK_URL": f"{URL}/paypal/webhook/",
        "REQUESTS_CA_BUNDLE": str(CERT),
        "SIMULATORS_NOT_FOR_REAL_MONEY": "true",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
        "GUNICORN_TIMEOUT": "30",
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "json",
    }


def env_file_write() -> dict[str, str]:
    """var/production/cnn.env: deploy/cnn.env line by line, with this machine's values (same keys, same order)."""
    values = local_environment()
    lines, seen = [], set()
    for line in (DEPLOY / "cnn.env").read_text().splitlines():
        key = line.split("=", 1)[0]
        if line and not line.startswith("#") and "=" in line and key in values:
            lines.append(f"{key}={values[key]}")
            seen.add(key)
        elif line and not line.startswith("#") and "=" in line:
            lines.append(f"# {line}  (not used by make production)")
        else:
            lines.append(line)
    lines += ["", "# make production only:"] + [f"{key}={value}" for key, value in values.items() if key not in seen]
    (ROOT / "cnn.env").write_text("\n".join(lines) + "\n")
    return values


def process_environment(values: dict[str, str]) -> dict[str, str]:
    # Nothing from the caller's Django environment (tests set DJANGO_SETTINGS_MODULE, DATABASE_URL...) leaks in.
    inherited = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG", "LC_ALL", "TZ")}
    return {**inherited, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(BASE_DIR), **values}


# --------------------------------------------------------------------------------------------------------------
# nginx: deploy/nginx/cnn.conf with local paths and ports
# --------------------------------------------------------------------------------------------------------------


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise SystemExit(f"deploy/nginx changed: {old!r} not found; update scripts/production.py")
    return text.replace(old, new)


def nginx_config_write() -> Path:
    (NGINX / "tmp").mkdir(parents=True, exist_ok=True)
    params = (DEPLOY / "nginx" / "cnn_proxy_params").read_text()
    (NGINX / "cnn_proxy_params").write_text(params)
    site = (DEPLOY / "nginx" / "cnn.conf").read_text()
    for old, new in [
        ("listen [::]:80;\n", ""),
        ("listen [::]:443 ssl http2;\n", ""),
        ("listen 80;", f"listen {HOST}:{HTTP_PORT};"),
        ("listen 443 ssl http2;", f"listen {HOST}:{HTTPS_PORT} ssl http2;"),
        ("return 301 https://$host$request_uri;", f"return 301 https://$host:{HTTPS_PORT}$request_uri;"),
        ("server_name cnn.example.org;", "server_name 127.0.0.1 localhost;"),
        ("server 127.0.0.1:8001 ", f"server {HOST}:{WEB_PORTS[0]} "),
        ("server 127.0.0.1:8002 ", f"server {HOST}:{WEB_PORTS[1]} "),
        ("/etc/ssl/cnn/fullchain.pem", str(CERT)),
        ("/etc/ssl/cnn/privkey.pem", str(KEY)),
        ("/srv/cnn/var/static/", f"{ROOT / 'static'}/"),
        ("/srv/cnn/var/media/", f"{ROOT / 'media'}/"),
        ("/srv/cnn/var/private/", f"{ROOT / 'private'}/"),
        ("/var/log/nginx/cnn.access.log", str(LOGS / "nginx-access.log")),
        ("/var/log/nginx/cnn.error.log", str(LOGS / "nginx-error.log")),
        ("include /etc/nginx/cnn_proxy_params;", f"include {NGINX / 'cnn_proxy_params'};"),
    ]:
        site = _replace(site, old, new)
    modules = [NGINX_MODULES / f"ngx_http_brotli_{kind}_module.so" for kind in ("filter", "static")]
    if not all(module.exists() for module in modules):
        # Debian's libnginx-mod-http-brotli-* are not installed: gzip only.
        site = "\n".join(line for line in site.splitlines() if not line.strip().startswith("brotli")) + "\n"
    (NGINX / "cnn.conf").write_text(site)
    tmp = NGINX / "tmp"
    loads = "".join(f"load_module {module};\n" for module in modules if module.exists())
    main = f"""# Generated by scripts/production.py: nginx as an unprivileged process, everything under var/production/.
{loads}worker_processes 2;
daemon off;
pid {NGINX / "nginx.pid"};
error_log {LOGS / "nginx-error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {NGINX / "cnn.conf"};
}}
"""
    conf = NGINX / "nginx.conf"
    conf.write_text(main)
    return conf


def certificate_ensure() -> None:
    if CERT.exists() and KEY.exists():
        return
    TLS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365", "-subj", f"/CN={HOST}"]
        + ["-addext", f"subjectAltName=IP:{HOST},DNS:localhost", "-keyout", str(KEY), "-out", str(CERT)],
        check=True,
        capture_output=True,
    )
    log(f"self-signed certificate: {CERT}")


# --------------------------------------------------------------------------------------------------------------
# Processes: one pid file each; each in its own session, so stop ends its children (workers) with it
# --------------------------------------------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours (the start command itself) is not alive.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _pid(name: str) -> int | None:
    path = PIDS / f"{name}.pid"
    try:
        return json.loads(path.read_text())["pid"]
    except (OSError, ValueError, KeyError):
        return None


def running() -> dict[str, int]:
    if not PIDS.exists():
        return {}
    found = {}
    for path in sorted(PIDS.glob("*.pid")):
        pid = _pid(path.stem)
        if pid and _alive(pid) and _started_by_us(path.stem, pid):
            found[path.stem] = pid
    return found


def _started_by_us(name: str, pid: int) -> bool:
    """The pid still belongs to what we started (not a recycled pid): its session and start time match."""
    try:
        recorded = json.loads((PIDS / f"{name}.pid").read_text())
        stat = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()
    except (OSError, ValueError):
        return False
    return int(stat[3]) == pid and stat[19] == recorded.get("starttime")  # session id, start time (clock ticks)


def spawn(name: str, command: list[str], env: dict[str, str]) -> int:
    log_file = open(LOGS / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
    process = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
    )
    log_file.close()
    starttime = Path(f"/proc/{process.pid}/stat").read_text().split(")")[-1].split()[19]
    (PIDS / f"{name}.pid").write_text(json.dumps({"pid": process.pid, "starttime": starttime, "command": command}))
    return process.pid


def wait_port(name: str, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid = _pid(name)
        if pid and not _alive(pid):
            raise SystemExit(f"{name} exited; see {LOGS / (name + '.log')}:\n{_tail(name)}")
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"{name} did not listen on {port} within {timeout} s; see {LOGS / (name + '.log')}")


def _tail(name: str) -> str:
    try:
        return (LOGS / f"{name}.log").read_text(errors="replace")[-3000:]
    except OSError:
        return ""


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex((HOST, port)) != 0


def fresh() -> None:
    """Drop the stack's database and simulator states: the next start loads the demo data anew (the tests do)."""
    import environ
    import psycopg
    from psycopg import sql

    config = environ.Env.db_url_config(DATABASE_URL)
    with psycopg.connect(
        host=config["HOST"] or HOST,
        port=config["PORT"] or 5432,
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(config["NAME"])))
    for name in ("demo-loaded", "registry-simulator.json", "paypal-simulator.json", "celerybeat-schedule"):
        (ROOT / name).unlink(missing_ok=True)
    shutil.rmtree(ROOT / "mail", ignore_errors=True)
    log(f"dropped database {config['NAME']} and the simulators' state")


def start() -> None:
    if "--fresh" in sys.argv and not running():
        fresh()
    if running():
        log(f"already running ({', '.join(running())}); `make production-stop` first to restart")
        summary(process_environment(local_environment()))
        return
    busy = [
        port
        for port in (HTTPS_PORT, HTTP_PORT, *WEB_PORTS, REGISTRY_PORT, PAYPAL_PORT, REDIS_PORT)
        if not _port_free(port)
    ]
    if busy:
        raise SystemExit(f"ports already in use on {HOST}: {busy}")
    for directory in (ROOT, PIDS, LOGS, ROOT / "static", ROOT / "media", ROOT / "private", ROOT / "mail"):
        directory.mkdir(parents=True, exist_ok=True)
    values = env_file_write()
    env = process_environment(values)
    certificate_ensure()
    started = time.monotonic()
    try:
        _start_processes(env)
    except BaseException:
        log("start failed: stopping what was started")
        stop()
        raise
    log(f"stack up in {time.monotonic() - started:.0f} s")
    summary(env)


def _start_processes(env: dict[str, str]) -> None:
    redis = shutil.which("redis-server") or "/usr/bin/redis-server"
    spawn("redis", [redis, "--bind", HOST, "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no"], env)
    spawn(
        "registry-simulator",
        [PYTHON, "manage.py", "run_registry_simulator", "--host", HOST, "--port", str(REGISTRY_PORT), "--demo"],
        env,
    )
    spawn(
        "paypal-simulator",
        [PYTHON, "manage.py", "run_paypal_simulator", "--host", HOST, "--port", str(PAYPAL_PORT)],
        env,
    )
    subprocess.run([PYTHON, "scripts/ensure_database.py"], cwd=BASE_DIR, env=env, check=True)
    log("migrate, collectstatic")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    wait_port("redis", REDIS_PORT)
    wait_port("registry-simulator", REGISTRY_PORT)
    wait_port("paypal-simulator", PAYPAL_PORT)
    if not (ROOT / "demo-loaded").exists():
        log("load_demo_data (once per database)")
        # Its fulfilment step runs in this process (no broker): the worker is not up yet.
        manage({**env, "CELERY_BROKER_URL": ""}, "load_demo_data", "-v0")
        (ROOT / "demo-loaded").write_text(DATABASE_URL)
    gunicorn = str(Path(PYTHON).parent / "gunicorn")
    for port in WEB_PORTS:
        spawn(
            f"web-{port}",
            [gunicorn, "-c", "config/gunicorn.conf.py", "config.wsgi"],
            {**env, "GUNICORN_BIND": f"{HOST}:{port}"},
        )
    celery = [PYTHON, "-m", "celery", "-A", "config"]
    spawn("worker", [*celery, "worker", "--loglevel=INFO", "--concurrency=2", "--hostname=worker@%h"], env)
    spawn("beat", [*celery, "beat", "--loglevel=INFO", f"--schedule={ROOT / 'celerybeat-schedule'}"], env)
    conf = nginx_config_write()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    test = subprocess.run(
        [nginx, "-t", "-p", str(NGINX), "-c", str(conf), "-e", str(LOGS / "nginx-error.log")],
        capture_output=True,
        text=True,
    )
    if test.returncode:
        raise SystemExit(f"nginx -t failed:\n{test.stderr}")
    spawn("nginx", [nginx, "-p", str(NGINX), "-c", str(conf), "-e", str(LOGS / "nginx-error.log")], env)
    for port in WEB_PORTS:
        wait_port(f"web-{port}", port)
    wait_port("nginx", HTTPS_PORT)
    _wait_healthy()


def _wait_healthy(timeout: float = 60) -> None:
    import requests

    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            reply = requests.get(f"{URL}/healthz", verify=str(CERT), timeout=5)
            if reply.status_code == 200:
                return
            last = f"{reply.status_code} {reply.text[:500]}"
        except requests.RequestException as exc:
            last = str(exc)
        time.sleep(0.5)
    raise SystemExit(f"{URL}/healthz did not answer 200 within {timeout} s: {last}")


def summary(env: dict[str, str]) -> None:
    log(f"serving {URL}/en/ (self-signed certificate {CERT}); logs in {LOGS}; environment in {ROOT / 'cnn.env'}")
    subprocess.run([PYTHON, "manage.py", "demo_logins"], cwd=BASE_DIR, env=env, check=False)


def stop() -> None:
    """TERM each recorded process group (nginx last-in first-out), KILL what is left after 20 s."""
    targets = running()
    order = [
        "nginx",
        *[f"web-{port}" for port in WEB_PORTS],
        "beat",
        "worker",
        "paypal-simulator",
        "registry-simulator",
        "redis",
    ]
    names = [name for name in order if name in targets] + [name for name in targets if name not in order]
    for name in names:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(targets[name], signal.SIGTERM)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(targets[name]) for name in names):
        time.sleep(0.2)
    for name in names:
        if _alive(targets[name]):
            log(f"{name} did not stop on TERM: KILL")
            with contextlib.suppress(ProcessLookupError):
                os.killpg(targets[name], signal.SIGKILL)
    if PIDS.exists():
        for path in PIDS.glob("*.pid"):
            path.unlink()
    log(f"stopped {', '.join(names) or 'nothing (not running)'}")


def status() -> None:
    found = running()
    for name, pid in found.items():
        log(f"{name}: pid {pid}")
    if not found:
        log("not running")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "start"
    {"start": start, "stop": stop, "status": status}[command]()
