"""A Chromium page that records what went wrong: console errors, page errors, dialogs,
Content-Security-Policy violations and requests to any host but the app's (127.0.0.1)."""

import re
from urllib.parse import urlsplit

LOCAL_HOSTS = {"127.0.0.1"}
# Runs before any script of the page: keeps every CSP violation the browser reports.
CSP_LISTENER = """
window.__okrainaCsp = [];
document.addEventListener("securitypolicyviolation", (e) => {
    window.__okrainaCsp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}` +
                             ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""


class RecordedPage:
    def __init__(self, context, page, artifacts, test_name):
        self.context, self.page = context, page
        self.artifacts, self.test_name = artifacts, test_name
        self.console_errors, self.page_errors, self.foreign_requests = [], [], []
        self.dialogs = []
        page.add_init_script(CSP_LISTENER)
        page.on("console", self._on_console)
        page.on("dialog", self._on_dialog)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        context.route("**/*", self._on_request)

    @classmethod
    def open(cls, browser, url, *, artifacts, test_name, width=360, height=740, locale="ru-RU",
             **context_options):
        """``context_options`` go to ``browser.new_context`` (e.g. ``bypass_csp=True``)."""
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale,
                                      **context_options)
        recorded = cls(context, context.new_page(), artifacts, test_name)
        recorded.page.goto(url, wait_until="load")
        return recorded

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def _on_dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def csp_violations(self):
        """The CSP violations reported so far in the current document."""
        try:
            return self.page.evaluate("window.__okrainaCsp || []")
        except Exception as error:  # the page navigated or closed: say so, do not hide it
            return [f"cannot read CSP violations: {error}"]

    def _on_request(self, route):
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:  # never reach the network; just remember the attempt
            self.foreign_requests.append(url)
            route.abort()

    def problems(self):
        """Everything that should be empty on a healthy page.

        ``dialogs`` and ``csp`` appear only when there are some, so that a healthy
        page still compares equal to ``{"console": [], "errors": [], "third_party": []}``.
        """
        found = {"console": self.console_errors, "errors": self.page_errors,
                 "third_party": self.foreign_requests}
        extra = {"dialogs": self.dialogs, "csp": self.csp_violations()}
        return {**found, **{key: value for key, value in extra.items() if value}}

    def screenshot(self, label):
        self.artifacts.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{self.test_name}-{label}") + ".png"
        path = self.artifacts / name
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        self.context.close()
