"""Interrupt, restart, bad signatures and orphan exit, through jupyter_client as a front end
sees them."""
import os
import subprocess
import tempfile
import time
import unittest

import seqlab_testenv
import zmq
from jupyter_client import KernelManager
from jupyter_client.connect import write_connection_file
from jupyter_client.session import Session

TIMEOUT = 60


def execute(kc, code, timeout=TIMEOUT):
    """Runs code; returns (reply content, list of iopub messages for it)."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        outputs.append(msg)
    return reply["content"], outputs


def result_text(outputs):
    for m in outputs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]["text/plain"]
    return None


class KernelSession(unittest.TestCase):
    def setUp(self):
        self.km = KernelManager(kernel_name="seqlab")
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)

    def tearDown(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def interrupt_after(self, code, delay):
        """Starts code, interrupts after delay seconds; returns (reply, outputs, seconds to reply)."""
        msg_id = self.kc.execute(code)
        time.sleep(delay)
        t0 = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        return reply["content"], time.monotonic() - t0

    def test_busy_loop_stops_within_two_seconds_and_variables_stay(self):
        execute(self.kc, "int keep = 41;")
        reply, seconds = self.interrupt_after("long spins = 0;\nwhile (true) { spins++; }", 1.5)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertLess(seconds, 2.0)
        reply, outputs = execute(self.kc, "keep + 1")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(result_text(outputs), "42")

    def test_progress_loop_stops_at_a_step(self):
        execute(self.kc, "int ready = 1;")  # the loop itself must be running when interrupted
        reply, seconds = self.interrupt_after(
            "try (var bar = Progress.start(\"long\", 1_000_000)) {\n"
            "  for (int i = 0; i < 1_000_000; i++) { Thread.sleep(1); bar.step(); }\n}", 1.5)
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertLess(seconds, 2.0)
        reply, _ = execute(self.kc, "int after = 1;")
        self.assertEqual(reply["status"], "ok")

    def test_restart_gives_a_fresh_session_in_a_new_process(self):
        execute(self.kc, "int gone = 1;")
        old_pid = self.km.provisioner.process.pid
        self.km.restart_kernel(now=False)
        self.kc.wait_for_ready(timeout=TIMEOUT)
        reply, _ = execute(self.kc, "gone")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "CompilationError")
        reply, outputs = execute(self.kc, "1 + 1")
        self.assertEqual(result_text(outputs), "2")
        self.assertNotEqual(old_pid, self.km.provisioner.process.pid)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and os.path.exists(f"/proc/{old_pid}") \
                and open(f"/proc/{old_pid}/stat").read().split()[2] != "Z":
            time.sleep(0.1)
        alive = os.path.exists(f"/proc/{old_pid}") and open(f"/proc/{old_pid}/stat").read().split()[2] != "Z"
        self.assertFalse(alive, "the old kernel process exited")

    def test_messages_with_a_bad_signature_are_ignored_and_the_kernel_keeps_serving(self):
        info = self.km.get_connection_info()
        ctx = zmq.Context()
        sock = ctx.socket(zmq.DEALER)
        sock.connect(f"tcp://{info['ip']}:{info['shell_port']}")
        try:
            forged = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
            forged.send(sock, "execute_request", content={
                "code": "int forged = 1;", "silent": False, "store_history": True,
                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            self.assertEqual(sock.poll(3000), 0, "no reply to a forged message")

            real = Session(key=info["key"], signature_scheme=info["signature_scheme"])
            real.send(sock, "kernel_info_request", content={})
            self.assertNotEqual(sock.poll(TIMEOUT * 1000), 0, "the shell channel still answers")
            _, frames = real.feed_identities(sock.recv_multipart())
            reply = real.deserialize(frames)
            self.assertEqual(reply["msg_type"], "kernel_info_reply")
            self.assertEqual(reply["content"]["status"], "ok")
        finally:
            sock.close(linger=0)
            ctx.term()
        reply, _ = execute(self.kc, "forged")
        self.assertEqual(reply["status"], "error", "the forged code never ran")


class OrphanExit(unittest.TestCase):
    def test_kernel_exits_when_its_parent_process_dies(self):
        parent = subprocess.Popen(["sleep", "120"])
        conn_file = tempfile.mktemp(suffix=".json", prefix="seqlab-kernel-")
        write_connection_file(conn_file, ip="127.0.0.1", key=b"k3y")
        env = dict(os.environ, JPY_PARENT_PID=str(parent.pid))
        kernel = subprocess.Popen([seqlab_testenv.SEQLAB, "kernel", "start", conn_file], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            from jupyter_client import BlockingKernelClient
            kc = BlockingKernelClient(connection_file=conn_file)
            kc.load_connection_file()
            kc.start_channels()
            kc.kernel_info()
            reply = kc.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["msg_type"], "kernel_info_reply")
            kc.stop_channels()
            self.assertIsNone(kernel.poll(), "kernel runs while its parent lives")
            parent.kill()
            parent.wait()
            kernel.wait(timeout=10)
        finally:
            if kernel.poll() is None:
                kernel.kill()
            parent.kill()
            os.unlink(conn_file)


if __name__ == "__main__":
    unittest.main()
