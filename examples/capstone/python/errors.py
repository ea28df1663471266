"""The one client-error type: the handler turns it into {"error": {"message": ...}} with its status."""


class HttpError(Exception):
    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
