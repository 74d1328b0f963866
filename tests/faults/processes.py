"""Private services for the fault tests: a PostgreSQL cluster, a Redis server and gunicorn, each started
on a free port by the test that needs it and stopped by its fixture, never the machine's own ones."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import requests
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check: Callable[[], T], timeout: float = 30, interval: float = 0.05, what: str = "condition") -> T:
    """Poll check() until it returns something truthy; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not reached within {timeout} s")
        time.sleep(interval)


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def children_of(pid: int) -> set[int]:
    """The live processes whose parent is pid (gunicorn's workers of its master)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def connection_inode(local_port: int, remote_port: int) -> str | None:
    """The inode of the server side of a TCP connection on 127.0.0.1 (from /proc/net/tcp)."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], fields[9]
        if int(local.split(":")[1], 16) == local_port and int(remote.split(":")[1], 16) == remote_port:
            return inode
    return None


class PrivatePostgres:
    """A throw-away cluster (initdb in a temporary folder, trust auth on 127.0.0.1) that can be stopped and
    started again like a restarted server."""

    def __init__(self):
        self.bin = self.versions()[-1] / "bin"
        self.root = Path(tempfile.mkdtemp(prefix="kdfaults-pg-"))
        shutil.chown(self.root, "postgres", "postgres")
        self.data, self.log = self.root / "data", self.root / "postgres.log"
        self.port = free_port()
        self._as_postgres("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8",
                          "--no-locale")

    @staticmethod
    def versions() -> list[Path]:
        """Installed server versions (Debian's layout), oldest first."""
        found = [path for path in Path("/usr/lib/postgresql").glob("*") if (path / "bin" / "initdb").exists()]
        return sorted(found, key=lambda path: int(path.name))

    def _as_postgres(self, program: str, *args) -> None:
        command = ["runuser", "-u", "postgres", "--", str(self.bin / program), *map(str, args)]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "30", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._as_postgres("pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "30", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """An empty database with KD's schema (create_all, as the test suite makes it)."""
        from kd import db, model_registry  # noqa: F401  (every table known to the metadata)

        admin = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        engine = create_engine(self.url(name))
        db.Base.metadata.create_all(engine)
        engine.dispose()
        return self.url(name)

    def close(self) -> None:
        if self.running():
            try:
                self.stop("immediate")
            except subprocess.SubprocessError:
                self._kill_postmaster()
        shutil.rmtree(self.root, ignore_errors=True)

    def _kill_postmaster(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            os.kill(int((self.data / "postmaster.pid").read_text().split()[0]), signal.SIGKILL)


class PrivateRedis:
    """redis-server in the foreground on a free port, without persistence."""

    def __init__(self, folder: Path):
        self.folder, self.port = folder, free_port()
        self.process: subprocess.Popen | None = None
        self._log = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self._close_log()
        self._log = (self.folder / "redis.log").open("ab")
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--dir", str(self.folder)], stdout=self._log, stderr=subprocess.STDOUT)
        wait_for(lambda: port_open(self.port), timeout=15, what="redis-server listening")

    def pause(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        wait_for(lambda: not port_open(self.port), timeout=10, what="redis-server gone")

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


class Gunicorn:
    """The app under `gunicorn -c gunicorn.conf.py app:app` (as `make serve-prod` runs it), configured only
    through KD_* variables. prefix: a command to run it under (unshare for a private upload disk)."""

    def __init__(self, folder: Path, settings: dict[str, str], prefix: tuple[str, ...] = ()):
        self.folder, self.port = folder, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = folder / "gunicorn.log"
        env = {name: value for name, value in os.environ.items() if not name.startswith("KD_")}
        env.update({
            "KD_BIND": f"127.0.0.1:{self.port}", "KD_WORKERS": "2", "KD_WORKER_TIMEOUT": "60",
            "KD_SECRET_KEY": "fault-test-secret-key-that-is-long-enough", "KD_SITE_URL": self.url,
            "KD_INSTANCE_DIR": str(folder / "instance"), "KD_MAIL_OUTBOX_DIR": str(folder / "outbox"),
            "KD_SEARCH_INDEX_DIR": str(folder / "index"), "KD_UPLOAD_DIR": str(folder / "uploads"),
            "PYTHONUNBUFFERED": "1",
        })
        env.update(settings)
        self.env, self.prefix = env, prefix
        self.process: subprocess.Popen | None = None

    def start(self) -> Gunicorn:
        # No control socket: its default path (~/.gunicorn/gunicorn.ctl) is shared with any other gunicorn here.
        command = [*self.prefix, sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket",
                   "app:app"]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        wait_for(self._serving, timeout=60, interval=0.1, what="gunicorn answering")
        wait_for(lambda: len(self.workers()) == 2, timeout=30, what="two gunicorn workers")
        return self

    def _serving(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()[-3000:]}")
        try:
            requests.get(f"{self.url}/healthz", timeout=5)
        except requests.ConnectionError:
            return False
        return True

    @property
    def master(self) -> int:
        return self.process.pid

    def workers(self) -> set[int]:
        return children_of(self.master)

    def worker_serving(self, client_port: int) -> int | None:
        """The worker holding the accepted connection of a client's local port."""
        inode = connection_inode(self.port, client_port)
        if inode is None:
            return None
        return next((pid for pid in self.workers() if inode in socket_inodes(pid)), None)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def path(self, inside: Path) -> Path:
        """A path as the server's processes see it (their own mount namespace under a prefix)."""
        return Path(f"/proc/{self.master}/root{inside}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
