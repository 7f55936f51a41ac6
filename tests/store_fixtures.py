"""A real Oxigraph SPARQL server (`oxigraph serve`, from the `oxigraph` package) on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def oxigraph_binary() -> str:
    """The `oxigraph` command of the test environment (next to the interpreter, else on PATH)."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph server is not installed: pip install oxigraph (a test dependency)")
    return found


def wait_answering(process: subprocess.Popen[bytes], query_url: str, seconds: float, name: str,
                   log: Callable[[], str]) -> None:
    """Wait until the SPARQL server ``process`` answers ``ASK {}`` at ``query_url`` (RuntimeError with its
    log if it exits or does not answer within ``seconds``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited: {log()}")
        try:
            with urllib.request.urlopen(query_url + "?query=ASK%7B%7D", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"{name} did not start within {seconds:g} s: {log()}")


class OxigraphServer:
    """`oxigraph serve --location DIR --bind 127.0.0.1:PORT`, ready when /query answers."""

    def __init__(self, location: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.query_url = self.url + "/query"
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_answering(self.process, self.query_url, 30, "oxigraph serve", lambda: log.read_text(errors="replace"))
        except RuntimeError:
            self.stop()
            raise

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._log.close()


# ---------------------------------------------------------------------- Virtuoso 7 (Debian's virtuoso-opensource)
VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {d}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}/vsp
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""


def virtuoso_binary() -> str | None:
    """Debian's `virtuoso-t` (package virtuoso-opensource-7-bin, from `virtuoso-opensource`), or None."""
    return shutil.which("virtuoso-t")


class VirtuosoServer:
    """`virtuoso-t +foreground` with a generated virtuoso.ini and a fresh database in ``folder``, HTTP and SQL
    on free loopback ports; the SPARQL endpoint at /sparql, the Graph Store Protocol at
    /sparql-graph-crud-auth (digest auth: user dba, whose password is set to ``password`` through isql-vt).
    ``max_rows`` is the server's ResultSetMaxRows (Debian's default is 10000)."""

    def __init__(self, folder: Path, password: str, max_rows: int = 10_000) -> None:
        binary = virtuoso_binary()
        if binary is None:
            raise RuntimeError("virtuoso-t is not installed: apt-get install virtuoso-opensource (scripts/system-deps.sh)")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "vsp").mkdir(exist_ok=True)
        self.http_port, self.sql_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.query_url = self.url + "/sparql"
        self.gsp_url = self.url + "/sparql-graph-crud-auth"
        self.password = password
        ini = folder / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(d=folder, sql_port=self.sql_port, http_port=self.http_port,
                                           max_rows=max_rows), encoding="utf-8")
        self._folder = folder
        self._log = (folder / "stdout.log").open("wb")
        self.process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                                        stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_answering(self.process, self.query_url, 60, "virtuoso-t", self.log)
            subprocess.run(["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", f"EXEC=SET PASSWORD dba {password};"],
                           check=True, capture_output=True, timeout=30)
        except BaseException:
            self.stop()
            raise

    def log(self) -> str:
        path = self._folder / "virtuoso.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else "(no log)"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._log.close()
