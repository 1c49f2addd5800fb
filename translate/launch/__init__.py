"""The ``tx`` console script and the kept-warm command server behind it.

Starting Python, typer and tx's modules costs a short command more than its work, so ``tx``
(``client.main``) hands each run to a server (``server``) that has them loaded: the server
forks a worker per run, which takes the client's arguments, environment, working folder,
umask and standard streams and runs the command as a fresh ``tx`` would; the client forwards
the signals it receives and ends with the worker's exit status. A client that finds no server
runs the command itself and starts one for the next run. Both sides share ``translate.serving``:
where the sockets live, what names a server, and the messages. The road is an optimisation
only: whenever it fails before the command starts, the command runs in the client's process.
"""
