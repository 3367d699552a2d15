#include "running/KubernetesPods.h"

#include "reference/ImageReference.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace RebuildRadar {

namespace {

// "running", "waiting: ImagePullBackOff", "terminated: Completed" from a container status's state.
QString stateOf(const QJsonObject &status)
{
    const QJsonObject state = status.value(QStringLiteral("state")).toObject();
    for (const QString &key :
         {QStringLiteral("running"), QStringLiteral("waiting"), QStringLiteral("terminated")}) {
        if (!state.contains(key))
            continue;
        const QString reason = state.value(key).toObject().value(QStringLiteral("reason")).toString();
        return reason.isEmpty() ? key : key + QStringLiteral(": ") + reason;
    }
    return QStringLiteral("unknown");
}

void appendContainers(QList<Workload> &out, const QJsonObject &pod, const QString &context, bool init)
{
    const QJsonObject metadata = pod.value(QStringLiteral("metadata")).toObject();
    const QJsonObject spec = pod.value(QStringLiteral("spec")).toObject();
    const QJsonObject status = pod.value(QStringLiteral("status")).toObject();
    const QString podName = metadata.value(QStringLiteral("name")).toString();
    QHash<QString, QJsonObject> statuses;
    for (const QJsonValue &value :
         status.value(init ? QStringLiteral("initContainerStatuses") : QStringLiteral("containerStatuses"))
             .toArray())
        statuses.insert(value.toObject().value(QStringLiteral("name")).toString(), value.toObject());
    for (const QJsonValue &value :
         spec.value(init ? QStringLiteral("initContainers") : QStringLiteral("containers")).toArray()) {
        const QJsonObject container = value.toObject();
        const QString name = container.value(QStringLiteral("name")).toString();
        const QJsonObject containerStatus = statuses.value(name);
        Workload w;
        w.source = WorkloadSourceKind::Kubernetes;
        w.host = context;
        w.name = podName + u'/' + name;
        w.namespace_ = metadata.value(QStringLiteral("namespace")).toString();
        w.image = container.value(QStringLiteral("image")).toString();
        w.init = init;
        w.state = containerStatus.isEmpty() ? pod.value(QStringLiteral("status"))
                                                  .toObject()
                                                  .value(QStringLiteral("phase"))
                                                  .toString()
                                                  .toLower()
                                            : stateOf(containerStatus);
        const QString imageId = containerStatus.value(QStringLiteral("imageID")).toString();
        const QString digest = digestOfImageId(imageId);
        if (!digest.isEmpty())
            w.repoDigests.append(digest);
        // An image id without a registry digest: built or loaded on the node, never pulled.
        w.localOnly = digest.isEmpty() && !imageId.isEmpty();
        out.append(w);
    }
}

} // namespace

QString digestOfImageId(const QString &imageId)
{
    QString text = imageId;
    for (const QString &prefix : {QStringLiteral("docker-pullable://"), QStringLiteral("docker://")}) {
        if (text.startsWith(prefix))
            text = text.mid(prefix.size());
    }
    const qsizetype at = text.lastIndexOf(u'@');
    if (at < 0)
        return {}; // "sha256:…" alone is the image id, not a registry digest
    const QString digest = text.mid(at + 1);
    return isValidDigest(digest) ? digest : QString();
}

Result<QList<Workload>> parsePodList(const QByteArray &json, const QString &context)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isObject())
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("kubectl's pod list is not a JSON object: %1")
                             .arg(doc.isNull() ? error.errorString() : QStringLiteral("an array")));
    const QJsonObject list = doc.object();
    QList<Workload> out;
    // kubectl answers a single Pod (not a list) when asked for one by name; a list otherwise.
    const QJsonArray items = list.value(QStringLiteral("kind")).toString() == u"Pod"
                                 ? QJsonArray{list}
                                 : list.value(QStringLiteral("items")).toArray();
    for (const QJsonValue &item : items) {
        appendContainers(out, item.toObject(), context, true);
        appendContainers(out, item.toObject(), context, false);
    }
    return out;
}

QStringList kubectlPodArguments(const QString &context, const QString &ns)
{
    QStringList args;
    if (!context.isEmpty())
        args << QStringLiteral("--context") << context;
    args << QStringLiteral("get") << QStringLiteral("pods") << QStringLiteral("--output")
         << QStringLiteral("json") << QStringLiteral("--request-timeout") << QStringLiteral("30s");
    if (ns == u"*")
        args << QStringLiteral("--all-namespaces");
    else if (!ns.isEmpty())
        args << QStringLiteral("--namespace") << ns;
    return args;
}

} // namespace RebuildRadar
