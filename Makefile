# Lumen: every target a user types. `make help` lists them.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
STAGE ?= dev
SERVICE ?= checkout
LUMEN := ./lumen
RESULTS := artifacts/test-results

STAGES := dev staging prod
STAGE_TARGETS := $(addprefix stage-,$(STAGES))
PARAMS_TARGETS := $(addprefix params-,$(STAGES))
SYNC_TARGETS := $(addprefix sync-thresholds-,$(STAGES))

.PHONY: help build test test-fast demo report package canary-check canary-promote canary-rollback train-reward dash \
        verify validate publish publish-aot image install install-tool bench soak clean $(STAGE_TARGETS) $(PARAMS_TARGETS) $(SYNC_TARGETS)

help: ## List the targets
	@grep -E '^[$$()a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^\$$\(([A-Z]+)_TARGETS\): ([a-z-]+)%:.*## /\2STAGE\t/; s/:.*## /\t/' | expand -t 26

build: ## Build everything (warnings are errors)
	dotnet build Lumen.slnx -nologo -v quiet

test: ## Install what the tests need, build, run every test
	@scripts/ensure-test-deps.sh
	dotnet build Lumen.slnx -nologo -v quiet
	@rm -rf $(RESULTS)
	@status=0; dotnet test Lumen.slnx --no-build -nologo -v quiet --logger "trx" --results-directory $(RESULTS) || status=$$?; \
	  scripts/test-summary.sh $(RESULTS) && exit $$status

test-fast: ## Build, run the tests without the slow ones (trait Speed=Slow: servers, processes, browsers; docs/testing.md)
	dotnet build Lumen.slnx -nologo -v quiet
	@rm -rf $(RESULTS)-fast
	@status=0; dotnet test Lumen.slnx --no-build -nologo -v quiet --filter "Speed!=Slow" --logger "trx" --results-directory $(RESULTS)-fast || status=$$?; \
	  scripts/test-summary.sh $(RESULTS)-fast && exit $$status

demo: ## Run the whole loop on the embedded simulator
	$(LUMEN) demo

validate: ## Validate config/ (exit 2 when invalid)
	$(LUMEN) validate

$(PARAMS_TARGETS): params-%: ## Write .env.STAGE and print export lines (params-dev, params-staging, params-prod)
	$(LUMEN) params $*

$(SYNC_TARGETS): sync-thresholds-%: ## Generate alert rules, Alertmanager config and feedback rules for a stage
	$(LUMEN) thresholds sync $*

$(STAGE_TARGETS): stage-%: ## params + thresholds sync + validate for a stage, then start its loop
	$(LUMEN) params $*
	$(LUMEN) thresholds sync $*
	$(LUMEN) validate --stage $*
	$(LUMEN) run --stage $*

report: ## LUMEN_DEMO_REPORT.md from the ledger
	$(LUMEN) report

dash: ## Charts (PNG) into reports/
	$(LUMEN) dash

train-reward: ## Fit the reward model from the ledger
	$(LUMEN) train-reward

canary-check: ## Canary check of SERVICE on STAGE, live from Prometheus (exit 0 pass, 1 fail, 3 inconclusive, 2 bad input, 5 unreachable)
	$(LUMEN) canary check --stage $(STAGE) --service $(SERVICE)

canary-promote: ## Promote the canary configuration (dry run unless DRY_RUN=0)
	$(LUMEN) canary promote --stage $(STAGE) --service $(SERVICE)

canary-rollback: ## Restore the canary to the baseline configuration
	$(LUMEN) canary rollback --stage $(STAGE) --service $(SERVICE)

verify: ## Health checks: config, Prometheus, ledger, TTLs
	$(LUMEN) health --stage $(STAGE)

publish: ## The linux-x64 binary (self-contained, single file, ReadyToRun) in artifacts/publish/linux-x64/lumen
	scripts/publish.sh linux-x64

publish-aot: ## The Native AOT build (needs clang, zlib1g-dev) in artifacts/publish/linux-x64-aot/: lumen and the files beside it
	scripts/publish.sh linux-x64 aot

image: ## The container image (FROM scratch, non-root) as an OCI archive: artifacts/image/lumen-oci.tar (buildah, no registry)
	scripts/image.sh

package: ## Signed release in artifacts/release: binary, tarball, tool package, SBOM, SHA256SUMS, *.sig (key: LUMEN_RELEASE_KEY_FILE)
	scripts/package.sh

PREFIX ?= $(HOME)/.local
install: publish-aot ## Install the Native AOT build in $(PREFIX)/lib/lumen, linked as $(PREFIX)/bin/lumen (PREFIX=/usr/local for everyone)
	rm -rf $(PREFIX)/lib/lumen && mkdir -p $(PREFIX)/lib/lumen $(PREFIX)/bin
	cp -R artifacts/publish/linux-x64-aot/. $(PREFIX)/lib/lumen/
	ln -sfn ../lib/lumen/lumen $(PREFIX)/bin/lumen

install-tool: ## Install lumen as a global .NET tool (JIT; needs the .NET runtime)
	rm -rf artifacts/nupkg && dotnet pack src/Lumen.Cli/Lumen.Cli.csproj -c Release -nologo -v quiet -p:LumenToolPackage=true
	dotnet tool update --global --add-source artifacts/nupkg Lumen.Cli || dotnet tool install --global --add-source artifacts/nupkg Lumen.Cli

bench: ## Run the BenchmarkDotNet suite, the loop tick at 1,000 and 10,000 services, the live tick against Prometheus, durable appends against the C fsync reference in interleaved rounds (long)
	dotnet run -c Release --project bench/Lumen.Benchmarks -- --filter '*'
	dotnet run -c Release --project src/Lumen.Cli -- bench loop --services 1000 --json
	dotnet run -c Release --project src/Lumen.Cli -- bench loop --services 10000 --json
	@if command -v prometheus >/dev/null && command -v promtool >/dev/null; then bench/live-loop/run.sh; \
	else echo "prometheus/promtool not found: the live loop benchmark (bench/live-loop) is skipped"; fi
	@if command -v gcc >/dev/null; then \
		dotnet build bench/Lumen.Benchmarks -c Release -o artifacts/bench-after -nologo -v quiet && d=$$(mktemp -d) && \
		bench/append-loop/run.sh 3 $$d; rm -rf $$d; \
	else echo "gcc not found: durable appends against the C fsync reference (bench/append-loop) are skipped"; fi

SOAK_MINUTES ?= 10
SOAK_SEED ?= 1
soak: ## Soak: lumen run under a seeded schedule of faults on loopback (SOAK_MINUTES=10 of faults, at most 25; SOAK_SEED=1); not in make test
	@scripts/ensure-test-deps.sh
	@[ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || [ -e /usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1 ] || \
		{ command -v apt-get >/dev/null && DEBIAN_FRONTEND=noninteractive $$( [ "$$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y -qq --no-install-recommends faketime >/dev/null; } || \
		echo "libfaketime not installed: the soak leaves clock jumps out"
	dotnet build tests/Lumen.Soak -nologo -v quiet
	@mkdir -p artifacts/soak
	dotnet tests/Lumen.Soak/bin/Debug/net10.0/Lumen.Soak.dll --minutes $(SOAK_MINUTES) --seed $(SOAK_SEED) --json artifacts/soak/report.json

clean: ## Remove build output
	rm -rf artifacts */*/bin */*/obj
