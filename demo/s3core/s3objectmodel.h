// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef S3OBJECTMODEL_H
#define S3OBJECTMODEL_H

#include "s3types.h"

#include <QtCore/qabstractitemmodel.h>
#include <QtCore/qpointer.h>
#include <QtCore/qvariant.h>

class AwsS3ListResult;
class AwsS3Reply;
class S3Client;

// The folders and objects directly below one prefix of a bucket ('/' delimiter), loaded page
// by page with ListObjectsV2 continuation tokens: the first page on setLocation(), the next
// ones when a view scrolls to the end (canFetchMore()/fetchMore()).
class S3ObjectModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
public:
    enum Column { NameColumn, SizeColumn, ModifiedColumn, ColumnCount };
    enum Roles { KeyRole = Qt::UserRole + 1, IsFolderRole, SizeRole, ModifiedRole };

    struct Entry
    {
        bool isFolder = false;
        QString key;       // object key, or the folder's prefix ending with '/'
        qint64 size = 0;
        QDateTime lastModified;
    };

    explicit S3ObjectModel(S3Client *client, QObject *parent = nullptr);

    QString bucket() const { return m_bucket; }
    QString prefix() const { return m_prefix; }
    void setLocation(const QString &bucket, const QString &prefix);
    void refresh();
    void clear();

    int pageSize() const { return m_pageSize; }
    void setPageSize(int keys) { m_pageSize = keys; }
    bool isLoading() const { return m_reply != nullptr; }
    bool hasMorePages() const { return !m_nextToken.isEmpty(); }
    int pagesLoaded() const { return m_pages; }

    Entry entry(int row) const { return m_entries.value(row); }
    int rowOfKey(const QString &key) const;

    void setFolderIcon(const QVariant &icon) { m_folderIcon = icon; }
    void setFileIcon(const QVariant &icon) { m_fileIcon = icon; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void pageLoaded();
    void loadFailed(const S3Error &error);

private:
    void requestPage(const QString &token);
    void onPage(const AwsS3ListResult &page, const S3Error &error);

    S3Client *m_client;
    QString m_bucket;
    QString m_prefix;
    QString m_nextToken;
    QList<Entry> m_entries;
    QPointer<AwsS3Reply> m_reply;
    int m_pageSize = 1000;
    int m_pages = 0;
    int m_generation = 0;
    bool m_replacing = false;
    QVariant m_folderIcon;
    QVariant m_fileIcon;
};

#endif // S3OBJECTMODEL_H
