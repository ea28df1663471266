"""
Runs inside the locked-down Pyodide child, before any learner code: loads a submission, calls its
entry function and encodes what it returned as tagged JSON text. Everything it needs later is bound
here, so a submission that rebinds json, builtins or module attributes changes only what it
returned, never how the parent judges it (the parent compares; expected values never come here).
"""


def _make_harness():
    import builtins
    import gc
    import linecache
    import sys
    import traceback
    from json import loads

    from _json import encode_basestring_ascii

    FILE = "submission.py"
    MAX_DEPTH = 64
    MAX_NODES = 100_000
    SAFE_INT = 2**53
    b_type, b_len, b_callable, b_issubclass = type, len, callable, issubclass
    b_isinstance, b_repr_int, b_repr_float = isinstance, int.__repr__, float.__repr__
    b_str_copy, b_bytes_repr, b_compile, b_exec = str.__str__, bytes.__repr__, compile, exec
    b_dict_items, b_list_iter, b_tuple_iter = dict.items, list.__iter__, tuple.__iter__
    b_set_iter, b_frozenset_iter = set.__iter__, frozenset.__iter__
    type_name = type.__dict__["__name__"].__get__
    join = "".join
    extract_tb = traceback.extract_tb
    exc_str = BaseException.__str__
    builtins_snapshot = dict(builtins.__dict__)
    modules_snapshot = dict(sys.modules)
    streams = (sys.stdout, sys.stderr, sys.stdin)
    recursion_limit = sys.getrecursionlimit()
    state = {"fn": None}

    class Unreadable(Exception):
        pass

    def reset():
        """A fresh start for the next group of checks: builtins, modules and streams as before."""
        sys.settrace(None)
        sys.setprofile(None)
        builtins.__dict__.clear()
        builtins.__dict__.update(builtins_snapshot)
        for name in [n for n in sys.modules if n not in modules_snapshot]:
            del sys.modules[name]
        sys.modules.update(modules_snapshot)
        sys.stdout, sys.stderr, sys.stdin = streams
        sys.setrecursionlimit(recursion_limit)
        state["fn"] = None
        gc.collect()

    def encode(value):
        count = [0]
        out = []

        def walk(v, depth):
            count[0] += 1
            if count[0] > MAX_NODES:
                raise Unreadable("it is too large (more than 100,000 values).")
            if depth > MAX_DEPTH:
                raise Unreadable("it is nested too deeply (or contains itself).")
            t = b_type(v)
            if v is None:
                out.append("null")
            elif v is True:
                out.append("true")
            elif v is False:
                out.append("false")
            elif b_issubclass(t, bool):
                out.append("true" if int.__bool__(v) else "false")
            elif b_issubclass(t, int):
                text = b_repr_int(v)
                if -SAFE_INT <= v <= SAFE_INT:
                    out.append(text)
                else:
                    out.append('["I",' + encode_basestring_ascii(text) + "]")
            elif b_issubclass(t, float):
                text = b_repr_float(v)
                if text in ("nan", "inf", "-inf"):
                    out.append('["F","' + text + '"]')
                else:
                    out.append(text)
            elif b_issubclass(t, str):
                out.append(encode_basestring_ascii(b_str_copy(v)))
            elif b_issubclass(t, (list, tuple)):
                out.append('["L"')
                for item in (b_list_iter(v) if b_issubclass(t, list) else b_tuple_iter(v)):
                    out.append(",")
                    walk(item, depth + 1)
                out.append("]")
            elif b_issubclass(t, dict):
                out.append('["D"')
                for key, item in b_dict_items(v):
                    kt = b_type(key)
                    if b_issubclass(kt, str):
                        out.append("," + encode_basestring_ascii(b_str_copy(key)) + ",")
                    elif b_issubclass(kt, int) and not b_issubclass(kt, bool):
                        out.append(',"' + b_repr_int(key) + '",')
                    else:
                        raise Unreadable("its dictionary keys must be strings.")
                    walk(item, depth + 1)
                out.append("]")
            elif b_issubclass(t, (set, frozenset)):
                out.append('["S"')
                for item in (b_set_iter(v) if b_issubclass(t, set) else b_frozenset_iter(v)):
                    out.append(",")
                    walk(item, depth + 1)
                out.append("]")
            elif b_issubclass(t, (bytes, bytearray)):
                label = b_bytes_repr(bytes(v))[:60]
                out.append('["O",' + encode_basestring_ascii(label) + ',"bytes"]')
            else:
                name = type_name(t)[:40]
                kind = "a function" if b_callable(v) and name in ("function", "builtin_function_or_method") else None
                label = "<function>" if kind else "<" + name + " object>"
                kind = kind or ("a generator" if name == "generator" else "a " + name + " object")
                out.append('["O",' + encode_basestring_ascii(label) + "," + encode_basestring_ascii(kind) + "]")

        walk(value, 0)
        return join(out)

    def describe(exc):
        """(kind, name, message, line, traceback text) with only the submission's own frames."""
        name = type_name(b_type(exc))
        try:
            message = exc_str(exc)
        except BaseException:
            message = ""
        kind = "thrown"
        if b_isinstance(exc, MemoryError) or (
            b_isinstance(exc, OverflowError) and message == "cannot fit 'int' into an index-sized integer"
        ):
            kind = "memory_limit"
        elif b_isinstance(exc, RecursionError):
            kind = "stack_overflow"
        elif b_isinstance(exc, SystemExit):
            message = "sys.exit() was called"
        line = None
        lines = []
        try:
            frames = [f for f in extract_tb(exc.__traceback__) if f.filename == FILE]
            for frame in frames[-5:]:
                lines.append('  File "%s", line %d, in %s' % (FILE, frame.lineno, frame.name))
                if frame.line:
                    lines.append("    " + frame.line.strip())
            if frames:
                line = frames[-1].lineno
            if b_isinstance(exc, SyntaxError) and exc.filename == FILE:
                line = exc.lineno
                message = exc.msg
        except BaseException:
            pass
        head = ["Traceback (most recent call last):"] if lines else []
        text = "\n".join(head + lines + [name + (": " + message if message else "")])
        return {"kind": kind, "name": name, "message": message[:500], "line": line, "traceback": text[-1500:]}

    def load(source, entry):
        """Compiles and runs the submission in a fresh namespace; returns None or what went wrong."""
        reset()
        linecache.cache[FILE] = (b_len(source), None, source.splitlines(True), FILE)
        try:
            code = b_compile(source, FILE, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as exc:
            return {"stage": "compile", **describe(exc)}
        namespace = {"__name__": "__main__", "__builtins__": builtins}
        try:
            b_exec(code, namespace)
        except BaseException as exc:
            return {"stage": "load", **describe(exc)}
        fn = namespace.get(entry)
        if fn is None:
            return {"stage": "missing"}
        if not b_callable(fn):
            return {"stage": "not_callable", "name": type_name(b_type(fn))}
        state["fn"] = fn
        return None

    def call(args_json):
        """Calls the entry function with fresh copies of the arguments."""
        args = loads(args_json)
        try:
            result = state["fn"](*args)
        except BaseException as exc:
            return {"ok": False, **describe(exc)}
        try:
            return {"ok": True, "value": encode(result)}
        except Unreadable as exc:
            return {"ok": False, "kind": "unreadable", "name": "", "message": exc.args[0], "line": None, "traceback": ""}
        except BaseException as exc:
            failure = describe(exc)
            text = failure["name"] + ": " + failure["message"]
            return {"ok": False, "kind": failure["kind"] if failure["kind"] != "thrown" else "unreadable",
                    "name": "", "message": "reading it raised " + text, "line": None, "traceback": ""}

    return load, call


_harness_load, _harness_call = _make_harness()
del _make_harness
