// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3testservers.h"

#include <qtsigv4/awss3reply.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qfile.h>
#include <QtCore/qprocess.h>
#include <QtCore/qthread.h>
#include <QtTest/qsignalspy.h>

bool S3TestServers::start()
{
    m_moto = std::make_unique<MotoServer>();
    QString error;
    if (m_moto->start(&error) == MotoServer::Started) {
        m_motoCredentials = std::make_unique<AwsStaticCredentialsProvider>(m_moto->credentials());
        m_motoClient = std::make_unique<AwsS3Client>();
        m_motoClient->setEndpoint(m_moto->endpoint());
        m_motoClient->setCredentialsProvider(m_motoCredentials.get());
    } else {
        qWarning("moto not available: %s", qPrintable(error));
    }
    m_s3rver = std::make_unique<S3rverServer>();
    if (m_s3rver->start(&error) == S3rverServer::Started) {
        m_s3rverCredentials = std::make_unique<AwsStaticCredentialsProvider>(S3rverServer::credentials());
        m_s3rverClient = std::make_unique<AwsS3Client>();
        m_s3rverClient->setEndpoint(m_s3rver->endpoint());
        m_s3rverClient->setCredentialsProvider(m_s3rverCredentials.get());
    } else {
        qWarning("s3rver not available: %s", qPrintable(error));
    }
    return m_motoClient || m_s3rverClient;
}

void S3TestServers::stop()
{
    m_motoClient.reset();
    m_s3rverClient.reset();
}

AwsS3Client *S3TestServers::client(S3Server server) const
{
    return server == Moto ? m_motoClient.get() : m_s3rverClient.get();
}

QString S3TestServers::makeBucket(S3Server server, const QString &prefix)
{
    const QString name = QStringLiteral("%1-%2").arg(prefix).arg(++m_buckets);
    std::unique_ptr<AwsS3Reply> reply(client(server)->createBucket(name));
    if (!wait(reply.get()) || reply->error() != AwsS3Reply::NoError) {
        qWarning("createBucket %s: %s", qPrintable(name), qPrintable(reply->errorString()));
        return QString();
    }
    return name;
}

bool S3TestServers::wait(AwsS3Reply *reply, int msecs)
{
    QSignalSpy spy(reply, &AwsS3Reply::finished);
    return reply->isFinished() || spy.wait(msecs);
}

bool S3TestServers::killChildAfterFirstPart(const QStringList &arguments)
{
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QTSIGV4_CHILD_ACCESS_KEY"), m_moto->credentials().accessKeyId());
    environment.insert(QStringLiteral("QTSIGV4_CHILD_SECRET_KEY"), m_moto->credentials().secretAccessKey());
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), arguments);
    if (!child.waitForStarted()) {
        qWarning("the child did not start: %s", qPrintable(child.errorString()));
        return false;
    }
    QByteArray output;
    while (!output.contains("part 1\n") && child.state() == QProcess::Running) {
        child.waitForReadyRead(1000);
        output += child.readAllStandardOutput();
    }
    if (!output.contains("part 1\n")) {
        qWarning("the child did not finish part 1: %s", output.constData());
        return false;
    }
    child.kill();   // SIGKILL: no destructor, no cleanup
    return child.waitForFinished() && child.exitStatus() == QProcess::CrashExit;
}

S3TestChild::S3TestChild(const QString &endpoint)
    : m_provider(AwsCredentials(qEnvironmentVariable("QTSIGV4_CHILD_ACCESS_KEY"),
                                qEnvironmentVariable("QTSIGV4_CHILD_SECRET_KEY")))
{
    m_client.setEndpoint(QUrl(endpoint));
    m_client.setCredentialsProvider(&m_provider);
}

void S3TestChild::reportPartAndStall(int partNumber)
{
    QFile out;
    out.open(stdout, QIODevice::WriteOnly);
    out.write(QByteArray("part ") + QByteArray::number(partNumber) + '\n');
    out.flush();
    QThread::sleep(60);
}

void S3TestChild::exitEnded(const QString &errorString)
{
    fprintf(stderr, "the child's transfer ended: %s\n", qPrintable(errorString));
    qApp->exit(1);
}
