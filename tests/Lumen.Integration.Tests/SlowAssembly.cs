// Every test here starts real servers or processes (Prometheus, promtool, demo services, lumen run,
// etcd, Chromium): all of them are slow, and make test-fast leaves them out (docs/testing.md).
[assembly: AssemblyTrait("Speed", "Slow")]
