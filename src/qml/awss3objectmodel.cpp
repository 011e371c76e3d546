// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awss3objectmodel.h"

#include "awsqmls3client.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awss3bucket.h>
#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3listoptions.h>
#include <qtsigv4/awss3listresult.h>
#include <qtsigv4/awss3object.h>
#include <qtsigv4/awss3reply.h>

#include <QtCore/qtimer.h>

// S3 answers at most 1000 keys a page.
static constexpr int MaxPageSize = 1000;

AwsS3ObjectModel::AwsS3ObjectModel(QObject *parent) : QAbstractListModel(parent) { }

AwsS3ObjectModel::~AwsS3ObjectModel()
{
    if (m_reply)
        m_reply->disconnect(this);
}

void AwsS3ObjectModel::setSigning(AwsSigning *signing)
{
    if (m_signing == signing)
        return;
    if (m_signing)
        m_signing->disconnect(this);
    m_signing = signing;
    // New endpoint, region or credentials: a new client, and the listing from the start.
    if (m_signing) {
        connect(m_signing, &AwsSigning::changed, this, [this] {
            m_client.reset();
            scheduleRefresh();
        });
    }
    m_client.reset();
    emit signingChanged();
    scheduleRefresh();
}

// A property that selects what is listed: a change lists again.
void AwsS3ObjectModel::setListingProperty(QString *member, const QString &value,
                                          void (AwsS3ObjectModel::*changed)())
{
    if (*member == value)
        return;
    *member = value;
    Q_EMIT (this->*changed)();
    scheduleRefresh();
}

void AwsS3ObjectModel::setBucket(const QString &bucket)
{
    setListingProperty(&m_bucket, bucket, &AwsS3ObjectModel::bucketChanged);
}

void AwsS3ObjectModel::setPrefix(const QString &prefix)
{
    setListingProperty(&m_prefix, prefix, &AwsS3ObjectModel::prefixChanged);
}

void AwsS3ObjectModel::setDelimiter(const QString &delimiter)
{
    setListingProperty(&m_delimiter, delimiter, &AwsS3ObjectModel::delimiterChanged);
}

void AwsS3ObjectModel::setPageSize(int size)
{
    size = qBound(1, size, MaxPageSize);
    if (m_pageSize == size)
        return;
    m_pageSize = size;
    emit pageSizeChanged();
}

int AwsS3ObjectModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AwsS3ObjectModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return row.name;
    case KeyRole:
        return row.key;
    case KindRole:
        return row.kind;
    case SizeRole:
        return row.size;
    case LastModifiedRole:
        return row.lastModified;
    case ETagRole:
        return row.eTag;
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> AwsS3ObjectModel::roleNames() const
{
    return { { NameRole, "name" },         { KeyRole, "key" },
             { KindRole, "kind" },         { SizeRole, "size" },
             { LastModifiedRole, "lastModified" }, { ETagRole, "eTag" } };
}

bool AwsS3ObjectModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && hasMore() && m_status != Loading;
}

void AwsS3ObjectModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        loadMore();
}

/*
    Drops the rows and lists from the first page again; a page still loading is abandoned.
*/
void AwsS3ObjectModel::refresh()
{
    m_refreshQueued = false;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    const bool hadRows = !m_rows.isEmpty();
    beginResetModel();
    m_rows.clear();
    m_continuationToken.clear();
    endResetModel();
    if (hadRows)
        emit countChanged();
    if (!m_signing) {
        setStatus(Null);
        return;
    }
    requestPage();
}

void AwsS3ObjectModel::loadMore()
{
    if (hasMore() && m_status != Loading)
        requestPage();
}

QVariant AwsS3ObjectModel::get(int row, const QString &roleName) const
{
    const int role = roleNames().key(roleName.toUtf8(), -1);
    return role < 0 ? QVariant() : data(index(row), role);
}

void AwsS3ObjectModel::classBegin() { }

void AwsS3ObjectModel::componentComplete()
{
    m_complete = true;
    scheduleRefresh();
}

// Several properties set one after another list once, from the event loop.
void AwsS3ObjectModel::scheduleRefresh()
{
    if (!m_complete || m_refreshQueued)
        return;
    m_refreshQueued = true;
    QTimer::singleShot(0, this, [this] {
        if (m_refreshQueued)
            refresh();
    });
}

void AwsS3ObjectModel::rebuildClient()
{
    m_client = AwsQmlS3::createClient(m_signing);
}

void AwsS3ObjectModel::requestPage()
{
    if (!m_client) {
        if (!m_signing) { // destroyed since the last page: nothing to build a client from
            setStatus(Null);
            return;
        }
        rebuildClient();
    }
    AwsS3Reply *reply = nullptr;
    if (m_bucket.isEmpty()) {
        reply = m_client->listBuckets();
    } else {
        AwsS3ListOptions options;
        options.setPrefix(m_prefix);
        options.setDelimiter(m_delimiter);
        options.setMaxKeys(m_pageSize);
        options.setContinuationToken(m_continuationToken);
        reply = m_client->listObjects(m_bucket, options);
    }
    m_reply = reply;
    setStatus(Loading);
    connect(reply, &AwsS3Reply::finished, this, [this, reply] { onReplyFinished(reply); });
}

void AwsS3ObjectModel::onReplyFinished(AwsS3Reply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    if (reply->error() != AwsS3Reply::NoError) {
        m_continuationToken.clear();
        setStatus(Error, reply->errorString());
        return;
    }
    QList<Row> rows;
    if (m_bucket.isEmpty()) {
        const QList<AwsS3Bucket> buckets = reply->buckets();
        for (const AwsS3Bucket &b : buckets)
            rows.append({ b.name(), b.name(), QStringLiteral("bucket"), -1, b.creationDate(), QString() });
        m_continuationToken.clear();
    } else {
        const AwsS3ListResult page = reply->listResult();
        const QStringList prefixes = page.commonPrefixes();
        for (const QString &p : prefixes)
            rows.append({ relativeName(p), p, QStringLiteral("folder"), -1, QDateTime(), QString() });
        const QList<AwsS3Object> objects = page.objects();
        for (const AwsS3Object &o : objects) {
            // The folder's own marker object ("photos/" listed under prefix "photos/").
            if (o.key() == m_prefix)
                continue;
            rows.append({ relativeName(o.key()), o.key(), QStringLiteral("object"), o.size(),
                          o.lastModified(), o.eTag() });
        }
        // A truncated page without a new token would list the same page for ever.
        const QString next = page.isTruncated() ? page.nextContinuationToken() : QString();
        if (page.isTruncated() && (next.isEmpty() || next == m_continuationToken)) {
            m_continuationToken.clear();
            appendRows(std::move(rows));
            setStatus(Error, tr("the server's listing of %1 did not advance (a truncated page "
                                "without a new continuation token)").arg(m_bucket));
            return;
        }
        m_continuationToken = next;
    }
    appendRows(std::move(rows));
    setStatus(Ready);
}

void AwsS3ObjectModel::appendRows(QList<Row> rows)
{
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(rows.size()) - 1);
    m_rows.append(std::move(rows));
    endInsertRows();
    emit countChanged();
}

QString AwsS3ObjectModel::relativeName(const QString &key) const
{
    return key.startsWith(m_prefix) ? key.mid(m_prefix.size()) : key;
}

void AwsS3ObjectModel::setStatus(Status status, const QString &errorString)
{
    if (m_status == status && m_errorString == errorString)
        return;
    m_status = status;
    m_errorString = errorString;
    emit statusChanged();
}
