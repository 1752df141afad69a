"""`./seqlab lab` serves Jupyter on loopback only, with token authentication, and offers the
seqlab kernelspec."""
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

import seqlab_testenv

TOKEN = "seqlab-test-token-5e1f"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_addresses(port):
    """Local addresses with a listening TCP socket on port, from /proc (no traffic sent)."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            with open(table) as f:
                lines = f.read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, hexport = fields[1].split(":")
            if int(hexport, 16) == port and fields[3] == "0A":  # 0A = LISTEN
                found.append(addr)
    return found


class Lab(unittest.TestCase):
    def test_loopback_token_and_kernelspec(self):
        port = free_port()
        runtime = tempfile.mkdtemp(prefix="seqlab-lab-")
        env = dict(os.environ, JUPYTER_TOKEN=TOKEN, JUPYTER_RUNTIME_DIR=runtime,
                   JUPYTER_CONFIG_DIR=runtime)
        log = open(os.path.join(runtime, "lab.log"), "w")
        proc = subprocess.Popen([seqlab_testenv.SEQLAB, "lab", f"--port={port}"], env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            specs = None
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    with urllib.request.urlopen(f"{base}/api/kernelspecs?token={TOKEN}", timeout=5) as r:
                        specs = json.load(r)
                        break
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.5)
            log.flush()
            with open(log.name) as f:
                self.assertIsNotNone(specs, f.read())
            self.assertIn("seqlab", specs["kernelspecs"])
            self.assertEqual(specs["kernelspecs"]["seqlab"]["spec"]["display_name"], "Java (Seqlab)")

            with self.assertRaises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"{base}/api/kernelspecs", timeout=5)
            self.assertIn(refused.exception.code, (401, 403))
            with self.assertRaises(urllib.error.HTTPError):
                urllib.request.urlopen(f"{base}/api/kernelspecs?token=wrong", timeout=5)

            addresses = listening_addresses(port)
            self.assertTrue(addresses, "something listens on the port")
            for a in addresses:
                self.assertIn(a, ("0100007F", "00000000000000000000000001000000"),
                              f"listens on loopback only, not {a}")
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            log.close()


if __name__ == "__main__":
    unittest.main()
