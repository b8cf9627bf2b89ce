#!/usr/bin/env python3
"""Drives `kader scan` through a pseudo-terminal, as a person would.

Usage: pty_scan.py KADER_BINARY WORKDIR. Exits non-zero (with the transcript) on any failure.
Session 1 answers one question, types an invalid number, then quits; the answers file must hold
what was answered. Session 2 resumes, answers up to a harmful practice, and must end with the
verdict "Mogelijk schadelijk" / "Stoppen", skipping the questions that can no longer matter.
"""
import os, re, select, subprocess, sys, time

kader, workdir = sys.argv[1], sys.argv[2]
answers_file = os.path.join(workdir, "scan.toml")
transcript = []


def fail(msg):
    sys.stdout.write("".join(transcript))
    sys.stdout.write("\nFAIL: " + msg + "\n")
    sys.exit(1)


class Session:
    def __init__(self, args):
        self.master, slave = os.openpty()
        env = dict(os.environ, NO_COLOR="1")
        self.p = subprocess.Popen([kader] + args, stdin=slave, stdout=slave, stderr=slave, cwd=workdir, env=env, close_fds=True)
        os.close(slave)
        self.buf = ""

    def read_until_prompt(self, timeout=20.0):
        """Reads until the output ends in a prompt (`> ` or `: `) or the process exits."""
        end = time.time() + timeout
        while time.time() < end:
            r, _, _ = select.select([self.master], [], [], 0.2)
            if r:
                try:
                    data = os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:
                    data = ""
                if not data:  # EOF: the process closed the terminal
                    out, self.buf = self.buf, ""
                    return out
                if data:
                    self.buf += data
                    transcript.append(data)
                    if self.buf.endswith("> ") or self.buf.endswith(": "):
                        out, self.buf = self.buf, ""
                        return out
                    continue
            if self.p.poll() is not None and not r:
                out, self.buf = self.buf, ""
                return out
        fail("timed out waiting for a prompt")

    def send(self, line):
        transcript.append(f"<<{line}>>\n")
        os.write(self.master, (line + "\n").encode())

    def wait(self):
        rest = self.read_until_prompt()
        code = self.p.wait(timeout=20)
        return rest, code


def question_id(chunk):
    ids = re.findall(r"\[([a-z0-9-]+)\]\r?\n", chunk)
    return ids[-1] if ids else None


# Session 1: name, one answer, one invalid answer, quit.
# The questions below are those of 2024.1; name it, so a newer default version changes nothing here.
s = Session(["scan", "--output", answers_file, "--framework", "kwaliteitskader@2024.1", "--on", "2026-11-28"])
out = s.read_until_prompt()
if "Naam van de interventie" not in out:
    fail("no name prompt")
s.send("PTY-interventie")
out = s.read_until_prompt()
if question_id(out) != "crime-prevention-aim":
    fail(f"expected the first question crime-prevention-aim, got {question_id(out)}")
s.send("j")
out = s.read_until_prompt()
if question_id(out) != "age-min":
    fail(f"expected age-min next, got {question_id(out)}")
s.send("abc")
out = s.read_until_prompt()
if "geheel getal" not in out:
    fail("an invalid number should be refused with a message")
s.send("q")
rest, code = s.wait()
if code != 0:
    fail(f"quitting should exit 0, got {code}")
saved = open(answers_file, encoding="utf-8").read()
if "crime-prevention-aim = true" not in saved or 'name = "PTY-interventie"' not in saved:
    fail("the answers file does not hold the answer given before quitting:\n" + saved)

# Session 2: resume and finish.
plan = {"age-min": "12", "age-max": "16", "components": "deterrence, mentoring"}
s = Session(["scan", "--resume", answers_file, "--on", "2026-11-28"])
asked = []
while True:
    out = s.read_until_prompt()
    if s.p.poll() is not None or not (out.endswith("> ")):
        break
    qid = question_id(out)
    if qid is None:
        fail("a prompt without a question id")
    if qid == "crime-prevention-aim":
        fail("an answered question was asked again after resuming")
    asked.append(qid)
    s.send(plan.get(qid, ""))
rest, code = s.wait()
final = "".join(transcript)
if code != 0:
    fail(f"the scan should end with exit 0, got {code}")
if "Mogelijk schadelijk" not in final or "Stoppen" not in final:
    fail("the scan should end with the assessment: Mogelijk schadelijk / Stoppen")
if asked[:2] != ["age-min", "age-max"] or "components" not in asked:
    fail(f"unexpected questions: {asked}")
after = asked[asked.index("components") + 1:]
if after:
    fail(f"questions that can no longer change the outcome should be skipped, but were asked: {after}")
saved = open(answers_file, encoding="utf-8").read()
if "deterrence" not in saved or "age-max = 16" not in saved:
    fail("the resumed answers were not saved:\n" + saved)
print(f"pty scan ok: asked {len(asked)} questions after resuming: {', '.join(asked)}")
