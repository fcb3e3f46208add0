# syntax=docker/dockerfile:1
# Build: the SDK image restores and publishes the server.
FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Cbvr.sln ./
COPY src/ src/
RUN dotnet publish src/Api/Api.csproj -c Release -o /app --nologo

# Runtime: ASP.NET Core on Debian 12 with ffmpeg and OpenCV's native dependencies; runs as a non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg libgtk-3-0 libatomic1 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data cbvr \
 && mkdir -p /data && chown cbvr /data
WORKDIR /app
COPY --from=build /app ./
COPY demo/corpus.tsv demo/corpus.tsv
ENV CBVR_DATA=/data \
    Demo__Manifest=/app/demo/corpus.tsv
VOLUME /data
USER cbvr
EXPOSE 8080
ENTRYPOINT ["dotnet", "Cbvr.Api.dll", "serve", "--urls", "http://0.0.0.0:8080"]
