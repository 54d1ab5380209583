#!/usr/bin/env python3
"""Screenshot (or PDF) of a FleetCare page as a signed-in user, with headless Chromium.

    scripts/screenshot.py http://127.0.0.1:8080/devices/ID out.png --email admin@fleetcare.example --password fleetcare-demo
    scripts/screenshot.py URL report.pdf --pdf ...

Signs in through the real form (form token and session cookie), hands the cookie to
Chromium over the DevTools protocol, and captures a phone-sized window (390x844) by default.
Needs: chromium (Debian) and websocket-client (PyPI).
"""
import argparse, base64, http.cookiejar, json, re, subprocess, sys, tempfile, time, urllib.parse, urllib.request

import websocket  # websocket-client


def sign_in(base, email, password, language):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/sign-in").read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"email": email, "password": password, "_csrf": token}).encode()
    opener.open(base + "/sign-in", body)
    cookies = {c.name: c.value for c in jar}
    if "fleetcare_session" not in cookies:
        sys.exit("sign-in failed")
    cookies["fleetcare_lang"] = language
    return cookies


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("out")
    ap.add_argument("--email")
    ap.add_argument("--password", default="fleetcare-demo")
    ap.add_argument("--lang", default="fa")
    ap.add_argument("--width", type=int, default=390)
    ap.add_argument("--height", type=int, default=844)
    ap.add_argument("--full", action="store_true", help="capture the whole page, not just the window")
    ap.add_argument("--pdf", action="store_true")
    args = ap.parse_args()

    parts = urllib.parse.urlsplit(args.url)
    base = f"{parts.scheme}://{parts.netloc}"
    cookies = sign_in(base, args.email, args.password, args.lang) if args.email else {"fleetcare_lang": args.lang}

    port = 9333
    profile = tempfile.mkdtemp()
    chrome = subprocess.Popen(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={port}",
                               f"--user-data-dir={profile}", f"--window-size={args.width},{args.height}", "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
                page = next(t for t in targets if t["type"] == "page")
                break
            except Exception:
                time.sleep(0.1)
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        seq = [0]

        def call(method, **params):
            seq[0] += 1
            ws.send(json.dumps({"id": seq[0], "method": method, "params": params}))
            while True:
                msg = json.loads(ws.recv())
                if msg.get("id") == seq[0]:
                    if "error" in msg:
                        sys.exit(f"{method}: {msg['error']}")
                    return msg.get("result", {})

        call("Network.enable")
        call("Page.enable")
        call("Emulation.setDeviceMetricsOverride", width=args.width, height=args.height, deviceScaleFactor=1,
             mobile=args.width < 600)
        for name, value in cookies.items():
            call("Network.setCookie", name=name, value=value, domain=parts.hostname, path="/")
        call("Page.navigate", url=args.url)
        deadline = time.time() + 20
        while time.time() < deadline:
            msg = json.loads(ws.recv())
            if msg.get("method") == "Page.loadEventFired":
                break
        time.sleep(0.5)
        if args.pdf:
            data = call("Page.printToPDF", printBackground=True, preferCSSPageSize=True)["data"]
        else:
            params = {"format": "png"}
            if args.full:
                metrics = call("Page.getLayoutMetrics")["cssContentSize"]
                params["clip"] = {"x": 0, "y": 0, "width": args.width, "height": metrics["height"], "scale": 1}
                params["captureBeyondViewport"] = True
            data = call("Page.captureScreenshot", **params)["data"]
        with open(args.out, "wb") as f:
            f.write(base64.b64decode(data))
        print(f"wrote {args.out}")
    finally:
        chrome.terminate()
        chrome.wait()


if __name__ == "__main__":
    main()
