// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3REPLY_P_H
#define AWSS3REPLY_P_H

#include <qtsigv4/awss3reply.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qpointer.h>
#include <QtCore/qsavefile.h>
#include <QtCore/qset.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkrequest.h>

#include <functional>
#include <memory>

class AwsNetworkAccessManager;
class QNetworkReply;

// Runs the HTTP exchanges of one AwsS3Reply (several for paging and batches): bounds what is
// held in memory, streams a GET body into its device, times out when nothing moves, maps the
// answer to the reply's error.
class AwsS3ReplyPrivate
{
public:
    // Called with the body of a 2xx answer (empty when it was streamed into the sink).
    using Handler = std::function<void(QNetworkReply *, const QByteArray &)>;

    // The largest XML answer (a list page, a delete result) and error body held in memory.
    static constexpr qint64 MaxXmlBody = 8 * 1024 * 1024;
    static constexpr qint64 MaxErrorBody = 64 * 1024;

    explicit AwsS3ReplyPrivate(AwsS3Reply *reply) : q(reply) { }
    ~AwsS3ReplyPrivate();

    void send(AwsNetworkAccessManager *manager, const QByteArray &verb,
              const QNetworkRequest &request, const QByteArray &body, Handler handler);
    void send(AwsNetworkAccessManager *manager, const QByteArray &verb,
              const QNetworkRequest &request, QIODevice *body, Handler handler);
    void setSink(QIODevice *device, qint64 offset, qint64 length);
    // Strict mode (AwsS3Download): the answer must be exactly the asked range (or the whole
    // object) of an object of `size` bytes with `eTag`; nothing beyond it reaches the sink.
    void expectObject(qint64 size, const QString &eTag);
    bool setFileSink(const QString &path, qint64 offset, qint64 length);
    void takeBodyDevice(QIODevice *device);

    void succeed();
    void fail(AwsS3Reply::Error error, const QString &message);
    void failLater(AwsS3Reply::Error error, const QString &message);
    void abort();

    // Calls `released` (in `context`'s thread) once the network reply of a finished `reply`
    // is destroyed, and with it the body Qt kept: transfers read the next part only then.
    static void whenReleased(AwsS3Reply *reply, QObject *context, std::function<void()> released);

    static AwsS3Reply::Error errorForCode(const QString &code, int status, bool hasKey);
    static AwsS3Object objectFromHeaders(const QNetworkReply *reply, const QString &key);

    AwsS3Reply *q;
    AwsS3Reply::Operation operation = AwsS3Reply::ListBuckets;
    QString bucket;
    QString key;
    int timeout = 60000;

    bool finished = false;
    bool refused = false;    // failLater(): nothing is sent, finished() is on its way
    AwsS3Reply::Error error = AwsS3Reply::NoError;
    QString errorString;
    int httpStatus = 0;
    QString serviceCode;
    QString requestId;

    QList<AwsS3Bucket> buckets;
    AwsS3ListResult listResult;
    AwsS3Object object;
    QStringList deleted;
    QList<AwsS3DeleteError> deleteErrors;
    qint64 received = 0;
    QString uploadId;
    QList<AwsS3Part> parts;
    bool opaqueETag = false;    // HeadObject: SSE-KMS or SSE-C, the ETag is no MD5
    QSet<QString> seenTokens;   // a listing's continuation tokens: a cycle is refused

private:
    void start(QNetworkReply *reply, Handler handler);
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void detach();
    void finishNetworkError(QNetworkReply *reply);
    void finishServiceError(QNetworkReply *reply);
    bool checkRange(QNetworkReply *reply, QString *problem) const;
    AwsS3Reply::Error checkObject(QNetworkReply *reply, int status, QString *problem) const;
    qint64 bodyLimit() const;

    QPointer<QNetworkReply> m_reply;
    QPointer<QNetworkReply> m_spent;   // detached, deleteLater() on its way
    Handler m_handler;
    QByteArray m_body;
    QIODevice *m_sink = nullptr;
    std::unique_ptr<QSaveFile> m_saveFile;
    std::unique_ptr<QIODevice> m_bodyDevice;
    qint64 m_offset = 0;
    qint64 m_length = -1;
    bool m_ranged = false;
    qint64 m_objectSize = -1;   // strict mode when >= 0
    QString m_eTag;
    bool m_checkedMetaData = false;
    bool m_timedOut = false;
    QTimer m_idle;
};

#endif // AWSS3REPLY_P_H
