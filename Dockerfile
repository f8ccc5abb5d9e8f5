# hlscalper in a minimal container: `docker build -t hlscalper .` then e.g.
#   docker run --rm --network host --env-file .env hlscalper live --testnet --coin BTC --metrics-port 9464
#
# The binary is self-contained ReadyToRun (precompiled, no JIT warm-up for the compiled code), not NativeAOT: Parquet.Net 6.1.0
# has trim/AOT warnings of its own (IL2070, IL3050 in ParquetClrSchemaExtensions) that cannot be fixed from here. The NativeAOT
# command and its figures are in the README (Operations).

FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN dotnet publish tools/HlScalper.Cli -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -o /out \
    && rm -f /out/*.pdb /out/*.xml

# runtime-deps: glibc, OpenSSL, ICU-free (the app runs with invariant globalization), CA certificates; no .NET runtime needed.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libsecp256k1-1 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out /opt/hlscalper
# Never root: the process holds a trading key.
USER app
WORKDIR /home/app
ENTRYPOINT ["/opt/hlscalper/hlscalper"]
CMD ["--help"]
