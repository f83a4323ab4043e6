"""Background jobs: heavy work (report builds, exports, imports) off the web request.

A `Job` is what people see (who started it, state, progress, result file, error); the
django-tasks database backend carries it to a `tallytale worker` process. This app sits
low (just above audit): apps above register their kinds of job (`services.register`), and
programmes supplies the permission check (`services.set_policy`), so nothing here imports
upward.
"""
