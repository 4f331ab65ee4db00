# The in-cluster workflow controller: the `bodywork` CLI plus git (and ssh for private repositories).
# New-BodyworkCronJob runs it as `bodywork workflow --namespace NS URL BRANCH`; the stages themselves
# run in the project's DOCKER_IMAGE, so this image needs no Python.
#
#   docker build -t ghcr.io/bodywork-ml/bodywork-powershell-controller:0.1.0 .
#   docker push ghcr.io/bodywork-ml/bodywork-powershell-controller:0.1.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY Directory.Build.props ./
COPY src/Bodywork.Models/ src/Bodywork.Models/
COPY src/Bodywork.Engine/ src/Bodywork.Engine/
COPY src/Bodywork.Cli/ src/Bodywork.Cli/
RUN dotnet publish src/Bodywork.Cli/Bodywork.Cli.csproj -c Release -o /app --self-contained false

FROM mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends git openssh-client ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 bodywork
COPY --from=build /app /opt/bodywork
RUN ln -s /opt/bodywork/bodywork /usr/local/bin/bodywork
USER 10001
WORKDIR /home/bodywork
ENTRYPOINT ["bodywork"]
CMD ["--help"]
