#!/usr/bin/env python3
"""The server's CPU per uncached search, before and after a change: load.sh's 16 catalogue searches,
each with a fresh `nocache` key (so neither cache answers), sent one at a time over one keep-alive
connection to a release coop-api, and the server's user + system time read from /proc. CPU time is
steadier than requests/s on a shared machine, and valgrind cannot run Swift binaries here.

Usage: Benchmarks/search-cpu.py BEFORE_BIN_DIR AFTER_BIN_DIR [catalogue.csv] [rounds]
  (the bin dirs hold coop-api and coopctl release builds; see load.sh --before)."""
import http.client, json, os, shutil, socket, subprocess, sys, tempfile, time

QUERIES = ["q=robe", "q=robe%20epoque&available=true", "q=velours&category=Costumes%2FRobe",
           "q=soie&category=Costumes%2FRobe&available=true", "category=Costumes%2FRobe&available=true&attr=taille%3DM",
           "location=Entrep%C3%B4t%2F%C3%89tage%202&attr=couleur%3Drouge", "q=chapeau%20de%20bal", "q=gilet%20brod",
           "q=GC-0045", "", "attr=couleur%3Dbleu&available=true", "q=dentelle&attr=taille%3DS",
           "q=redingote&location=Entrep%C3%B4t%2F%C3%89tage%203", "q=manteau&limit=20", "category=Costumes%2FCape%2F1850",
           "q=uniforme%20militaire&available=true"]
SEARCHES = 1600
before, after = sys.argv[1], sys.argv[2]
catalogue = sys.argv[3] if len(sys.argv) > 3 else ".build-bench/catalogue-100k.csv"
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
work = tempfile.mkdtemp()
base = os.path.join(work, "base.sqlite")
env = {**os.environ, "COOP_DB": base}
# The database is made by the before build, so that the after build's migrations (if any) run on it as on a real one.
subprocess.run([before + "/coopctl", "init"], env=env, check=True, stdout=subprocess.DEVNULL)
subprocess.run([before + "/coopctl", "item", "import", catalogue], env=env, check=True, stdout=subprocess.DEVNULL)
token = json.loads(subprocess.run([before + "/coopctl", "token", "create", "--role", "staff", "--json"], env=env, check=True,
                                  capture_output=True, text=True).stdout)["token"]
subprocess.run(["sqlite3", base, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True, stdout=subprocess.DEVNULL)


def cpu_ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def measure(bin_dir, tag):
    db = os.path.join(work, tag + ".sqlite")
    shutil.copy(base, db)
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    server = subprocess.Popen([bin_dir + "/coop-api", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
                              env={**os.environ, "COOP_LOG_LEVEL": "warning"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port)
                connection.request("GET", "/health"); connection.getresponse().read()
                break
            except OSError:
                time.sleep(0.1)

        def send(count, offset):
            for i in range(count):
                connection.request("GET", f"/api/v1/items?{QUERIES[i % 16]}&nocache={offset + i}",
                                   headers={"Authorization": f"Bearer {token}"})
                answer = connection.getresponse(); answer.read()
                assert answer.status == 200, answer.status

        send(160, 10**6)  # warm-up: statements prepared, pages of the database file read
        t0, w0 = cpu_ticks(server.pid), time.time()
        send(SEARCHES, 0)
        t1, w1 = cpu_ticks(server.pid), time.time()
        return (t1 - t0) * 1000 / os.sysconf("SC_CLK_TCK") / SEARCHES, (w1 - w0) * 1000 / SEARCHES
    finally:
        server.terminate(); server.wait()


print(f"server CPU per uncached search ({SEARCHES} searches a measure, the 16 of load.sh in turn)")
for r in range(rounds):
    for tag, bin_dir in [("before", before), ("after", after)]:
        cpu, wall = measure(bin_dir, tag)
        print(f"round {r + 1}  {tag:6s}  CPU {cpu:6.3f} ms   wall {wall:6.3f} ms", flush=True)
shutil.rmtree(work)
