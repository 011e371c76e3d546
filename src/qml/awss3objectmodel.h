// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3OBJECTMODEL_H
#define AWSS3OBJECTMODEL_H

#include "awssigning.h"

#include <QtCore/qabstractitemmodel.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qpointer.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include <memory>

class AwsS3Client;
class AwsS3Reply;

// import QtSigV4
// AwsSigning { id: signing; endpoint: "http://127.0.0.1:5000"; region: "us-east-1" }
// ListView { model: S3ObjectModel { signing: signing; bucket: "photos"; prefix: "2024/" } }
//
// The buckets of the endpoint (no bucket set), or one level of a bucket below prefix: the
// folders (common prefixes of delimiter) and the objects, a page at a time (ListView asks for
// the next page through fetchMore()). Requests go through an S3 client made with the
// AwsSigning's settings and credentials; nothing else of the engine changes.
class AwsS3ObjectModel : public QAbstractListModel, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(S3ObjectModel)
    Q_PROPERTY(AwsSigning *signing READ signing WRITE setSigning NOTIFY signingChanged)
    Q_PROPERTY(QString bucket READ bucket WRITE setBucket NOTIFY bucketChanged)
    Q_PROPERTY(QString prefix READ prefix WRITE setPrefix NOTIFY prefixChanged)
    Q_PROPERTY(QString delimiter READ delimiter WRITE setDelimiter NOTIFY delimiterChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY statusChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool hasMore READ hasMore NOTIFY statusChanged)
public:
    enum Status { Null, Loading, Ready, Error };
    Q_ENUM(Status)
    enum Role { NameRole = Qt::UserRole + 1, KeyRole, KindRole, SizeRole, LastModifiedRole, ETagRole };
    Q_ENUM(Role)

    explicit AwsS3ObjectModel(QObject *parent = nullptr);
    ~AwsS3ObjectModel() override;

    AwsSigning *signing() const { return m_signing; }
    void setSigning(AwsSigning *signing);
    QString bucket() const { return m_bucket; }
    void setBucket(const QString &bucket);
    QString prefix() const { return m_prefix; }
    void setPrefix(const QString &prefix);
    QString delimiter() const { return m_delimiter; }
    void setDelimiter(const QString &delimiter);
    int pageSize() const { return m_pageSize; }
    void setPageSize(int size);
    Status status() const { return m_status; }
    QString errorString() const { return m_errorString; }
    int count() const { return int(m_rows.size()); }
    bool hasMore() const { return !m_continuationToken.isEmpty(); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Starts again from the first page (after a change on the server).
    Q_INVOKABLE void refresh();
    // The next page, when there is one and none is loading.
    Q_INVOKABLE void loadMore();
    // The row's value of a role by name ("key", "size", ...), for scripts.
    Q_INVOKABLE QVariant get(int row, const QString &roleName) const;

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void signingChanged();
    void bucketChanged();
    void prefixChanged();
    void delimiterChanged();
    void pageSizeChanged();
    void statusChanged();
    void countChanged();

private:
    struct Row
    {
        QString name;
        QString key;
        QString kind; // "bucket", "folder" or "object"
        qint64 size = -1;
        QDateTime lastModified;
        QString eTag;
    };

    void setListingProperty(QString *member, const QString &value,
                            void (AwsS3ObjectModel::*changed)());
    void scheduleRefresh();
    void rebuildClient();
    void requestPage();
    void onReplyFinished(AwsS3Reply *reply);
    void appendRows(QList<Row> rows);
    QString relativeName(const QString &key) const;
    void setStatus(Status status, const QString &errorString = QString());

    QPointer<AwsSigning> m_signing;
    std::unique_ptr<AwsS3Client> m_client;
    QPointer<AwsS3Reply> m_reply;
    QString m_bucket;
    QString m_prefix;
    QString m_delimiter = QStringLiteral("/");
    int m_pageSize = 1000;
    Status m_status = Null;
    QString m_errorString;
    QString m_continuationToken;
    QList<Row> m_rows;
    bool m_complete = false;
    bool m_refreshQueued = false;
};

#endif // AWSS3OBJECTMODEL_H
