# usage: flood.py register|flood SECONDS  -- 50 users flood-0..49, registered from 127.0.0.2-4, then signed in 50 at once in a loop
import http.client, json, sys, threading, time, collections
N = 50
def post(path, body, source):
    c = http.client.HTTPConnection("127.0.0.1", 8080, timeout=60, source_address=(source, 0))
    c.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, data
def cred(i): return {"user": "flood-%d" % i, "password": "flood-password-%d" % i}
if sys.argv[1] == "register":
    def reg(i):
        print(i, post("/api/users", cred(i), "127.0.0.%d" % (2 + i // 18))[0])
    ts = [threading.Thread(target=reg, args=(i,)) for i in range(N)]
    [t.start() for t in ts]; [t.join() for t in ts]
else:
    end = time.time() + float(sys.argv[2]); codes = collections.Counter(); lat = []
    lock = threading.Lock()
    def loop(i):
        while time.time() < end:
            t0 = time.time()
            try:
                st, _ = post("/api/sessions", cred(i), "127.0.0.%d" % (10 + i))
            except Exception as e:
                st = type(e).__name__
            with lock:
                codes[st] += 1; lat.append(time.time() - t0)
    ts = [threading.Thread(target=loop, args=(i,)) for i in range(N)]
    [t.start() for t in ts]; [t.join() for t in ts]
    lat.sort()
    print("sign-ins:", dict(codes), "p50 %.2f s p99 %.2f s" % (lat[len(lat)//2], lat[int(len(lat)*0.99)]))
