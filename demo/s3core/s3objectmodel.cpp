// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3objectmodel.h"

#include "s3client.h"
#include "s3format.h"

#include <QtCore/qlocale.h>
#include <qtsigv4/awss3listresult.h>
#include <qtsigv4/awss3reply.h>

S3ObjectModel::S3ObjectModel(S3Client *client, QObject *parent)
    : QAbstractTableModel(parent), m_client(client)
{
}

void S3ObjectModel::clear()
{
    ++m_generation;
    if (m_reply) {
        m_reply->abort();
        m_reply = nullptr;
        emit loadingChanged(false);
    }
    m_replacing = false;
    beginResetModel();
    m_entries.clear();
    m_nextToken.clear();
    m_pages = 0;
    endResetModel();
}

void S3ObjectModel::setLocation(const QString &bucket, const QString &prefix)
{
    clear();
    m_bucket = bucket;
    m_prefix = prefix;
    if (!bucket.isEmpty())
        requestPage(QString());
}

void S3ObjectModel::refresh()
{
    // Keep what is shown until the first page of the new listing arrives: a failed refresh
    // (network down, expired credentials) leaves the user where they were.
    if (m_bucket.isEmpty())
        return;
    ++m_generation;
    if (m_reply) {
        m_reply->abort();
        m_reply = nullptr;
    }
    m_replacing = true;
    requestPage(QString());
}

int S3ObjectModel::rowOfKey(const QString &key) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).key == key)
            return i;
    }
    return -1;
}

void S3ObjectModel::requestPage(const QString &token)
{
    const int generation = m_generation;
    m_reply = m_client->listObjects(m_bucket, m_prefix, token, m_pageSize, this,
                                    [this, generation](const AwsS3ListResult &page, const S3Error &error) {
                                        if (generation == m_generation)
                                            onPage(page, error);
                                    });
    emit loadingChanged(true);
}

void S3ObjectModel::onPage(const AwsS3ListResult &page, const S3Error &error)
{
    m_reply = nullptr;
    emit loadingChanged(false);
    if (error.isError()) {
        m_replacing = false;
        if (!error.cancelled)
            emit loadFailed(error);
        return;
    }
    QList<Entry> added;
    for (const QString &folder : page.commonPrefixes())
        added.append(Entry{ true, folder, 0, QDateTime() });
    for (const AwsS3Object &object : page.objects()) {
        if (object.key() == m_prefix)
            continue; // the "folder marker" object of the prefix itself
        added.append(Entry{ false, object.key(), object.size(), object.lastModified() });
    }
    m_nextToken = page.isTruncated() ? page.nextContinuationToken() : QString();
    if (m_replacing) {
        m_replacing = false;
        beginResetModel();
        m_entries = added;
        m_pages = 1;
        endResetModel();
        emit pageLoaded();
        return;
    }
    ++m_pages;
    if (!added.isEmpty()) {
        beginInsertRows(QModelIndex(), int(m_entries.size()), int(m_entries.size() + added.size() - 1));
        m_entries.append(added);
        endInsertRows();
    }
    emit pageLoaded();
}

int S3ObjectModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int S3ObjectModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant S3ObjectModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return QVariant();
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return e.isFolder ? S3Format::lastSegment(e.key) + u'/' : S3Format::lastSegment(e.key);
        case SizeColumn:
            return e.isFolder ? QString() : S3Format::size(e.size);
        case ModifiedColumn:
            return S3Format::dateTime(e.lastModified);
        }
        break;
    case Qt::ToolTipRole:
        if (e.isFolder)
            return e.key;
        return tr("%1\n%2 bytes").arg(e.key, QLocale().toString(e.size));
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return e.isFolder ? m_folderIcon : m_fileIcon;
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    case KeyRole:
        return e.key;
    case IsFolderRole:
        return e.isFolder;
    case SizeRole:
        return e.size;
    case ModifiedRole:
        return e.lastModified;
    }
    return QVariant();
}

QVariant S3ObjectModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case SizeColumn: return tr("Size");
    case ModifiedColumn: return tr("Last modified");
    }
    return QVariant();
}

bool S3ObjectModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_nextToken.isEmpty() && !m_reply;
}

void S3ObjectModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage(m_nextToken);
}
