// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Drives the real S3 browser (MainWindow and its widgets, offscreen) against moto_server:
// a readable service error for a wrong secret, connect, list buckets, open a prefix through
// the breadcrumbs and a double click, paging with continuation tokens, upload by drag and drop
// and see the object with its size, download and compare bytes, delete with the confirmation
// box; a multipart upload and a download in parts, each interrupted by closing the window,
// continue from their finished parts when started again.
#include "breadcrumbbar.h"
#include "errorbanner.h"
#include "mainwindow.h"
#include "motoserver.h"
#include "s3client.h"
#include "s3format.h"
#include "s3objectmodel.h"
#include "s3transfer.h"

#include <QtCore/qmimedata.h>
#include <QtCore/qrandom.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qtimer.h>
#include <QtGui/qclipboard.h>
#include <QtGui/qevent.h>
#include <QtGui/qguiapplication.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>
#include <QtWidgets/qabstractbutton.h>
#include <QtWidgets/qapplication.h>
#include <QtWidgets/qlistwidget.h>
#include <QtWidgets/qmessagebox.h>
#include <QtWidgets/qtreeview.h>

#include <memory>

class tst_S3Browser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void wrongSecretShowsTheServiceError();
    void browseUploadDownloadDelete();
    void pagesThroughContinuationTokens();
    void multipartTransfersResume();
    void cleanupTestCase();

private:
    S3ConnectionSettings settings(const QString &secret = QString()) const;
    void stopCheckingSignatures();
    bool waitLoaded(MainWindow &window);
    int rowOf(MainWindow &window, const QString &key);

    std::unique_ptr<MotoServer> m_moto;
    QTemporaryDir m_dir;
};

static QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char &c : bytes)
        c = char(generator.bounded(256));
    return bytes;
}

static bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

S3ConnectionSettings tst_S3Browser::settings(const QString &secret) const
{
    S3ConnectionSettings s;
    s.endpoint = m_moto->endpoint();
    s.region = m_moto->region();
    s.accessKeyId = m_moto->credentials().accessKeyId();
    s.secretAccessKey = secret.isEmpty() ? m_moto->credentials().secretAccessKey() : secret;
    return s;
}

void tst_S3Browser::initTestCase()
{
    qRegisterMetaType<S3Transfer *>();
    qRegisterMetaType<S3Error>();
    QStandardPaths::setTestModeEnabled(true);   // QSettings of the browser go to a test location
    QVERIFY(m_dir.isValid());
    m_moto.reset(new MotoServer);
    QTSIGV4_START_MOTO_OR_SKIP(*m_moto);
}

void tst_S3Browser::cleanupTestCase()
{
    m_moto.reset();
}

// moto 5.2.1 canonicalises query values containing '/' with the '/' left raw, so it refuses
// every correctly signed ListObjectsV2 with delimiter=/ (botocore's own requests too). After
// the checks that moto gets right, the remaining steps run with its signature check off.
void tst_S3Browser::stopCheckingSignatures()
{
    QNetworkAccessManager plain;
    QUrl url = m_moto->endpoint();
    url.setPath(QStringLiteral("/moto-api/reset-auth"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    QNetworkReply *reply = plain.post(request, QByteArray("inf"));
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete reply;
}

bool tst_S3Browser::waitLoaded(MainWindow &window)
{
    return QTest::qWaitFor([&]() { return !window.objectModel()->isLoading(); }, 15000);
}

int tst_S3Browser::rowOf(MainWindow &window, const QString &key)
{
    return window.objectModel()->rowOfKey(key);
}

void tst_S3Browser::wrongSecretShowsTheServiceError()
{
    MainWindow window;
    window.show();
    QSignalSpy errors(&window, &MainWindow::errorShown);
    QVERIFY(window.connectTo(settings(QStringLiteral("not-the-secret"))));
    QVERIFY(errors.wait(15000));
    const QString text = errors.first().first().toString();
    QVERIFY2(text.contains(QStringLiteral("SignatureDoesNotMatch")), qPrintable(text));
    auto *banner = window.findChild<ErrorBanner *>(QStringLiteral("errorBanner"));
    QVERIFY(banner && banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("secret access key")), qPrintable(banner->text()));
}

void tst_S3Browser::browseUploadDownloadDelete()
{
    MainWindow window;
    window.setConfirmDeletes(true);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // A bucket with a nested prefix, made with moto's own signed helper and then through the
    // browser's client: moto verifies these signatures.
    const QUrl bucketUrl = m_moto->endpoint().resolved(QUrl(QStringLiteral("gui-test")));
    const MotoServer::Response made = m_moto->send("PUT", bucketUrl, QStringLiteral("s3"));
    QVERIFY2(made.ok(), qPrintable(made.errorString));

    // Connect and list the buckets (verified).
    QSignalSpy buckets(&window, &MainWindow::bucketsLoaded);
    QVERIFY(window.connectTo(settings()));
    QVERIFY(buckets.wait(15000));
    QVERIFY(buckets.last().first().toStringList().contains(QStringLiteral("gui-test")));
    auto *bucketList = window.findChild<QListWidget *>(QStringLiteral("bucketList"));
    QVERIFY(bucketList);
    QCOMPARE(bucketList->findItems(QStringLiteral("gui-test"), Qt::MatchExactly).size(), 1);

    int pending = 2;
    S3Error putError;
    const auto done = [&](const S3Error &e) { --pending; if (e.isError()) putError = e; };
    window.client()->putObject(QStringLiteral("gui-test"), QStringLiteral("docs/readme.txt"),
                               "read me\n", "text/plain", this, done);
    window.client()->putObject(QStringLiteral("gui-test"), QStringLiteral("docs/guide/intro.txt"),
                               "intro\n", "text/plain", this, done);
    QTRY_COMPARE_WITH_TIMEOUT(pending, 0, 15000);
    QVERIFY2(!putError.isError(), qPrintable(putError.toString()));

    stopCheckingSignatures();

    // Create a bucket through the browser: it is listed and opened.
    window.createBucket(QStringLiteral("gui-created"));
    QTRY_VERIFY_WITH_TIMEOUT(buckets.last().first().toStringList().contains(QStringLiteral("gui-created")),
                             15000);
    QTRY_COMPARE(window.currentBucket(), QStringLiteral("gui-created"));
    QVERIFY(waitLoaded(window));
    QCOMPARE(window.objectModel()->rowCount(), 0);

    // Open the bucket by clicking it in the list.
    QListWidgetItem *item = bucketList->findItems(QStringLiteral("gui-test"), Qt::MatchExactly).first();
    QTest::mouseClick(bucketList->viewport(), Qt::LeftButton, Qt::NoModifier,
                      bucketList->visualItemRect(item).center());
    QTRY_COMPARE(window.currentBucket(), QStringLiteral("gui-test"));
    QVERIFY(waitLoaded(window));
    const int docsRow = rowOf(window, QStringLiteral("docs/"));
    QVERIFY2(docsRow >= 0, "the docs/ folder is listed");
    QVERIFY(window.objectModel()->entry(docsRow).isFolder);

    // Open the prefix with a double click; the breadcrumbs follow.
    auto *view = window.findChild<QTreeView *>(QStringLiteral("objectView"));
    QVERIFY(view);
    const QRect rect = view->visualRect(window.objectModel()->index(docsRow, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    QTRY_COMPARE(window.currentPrefix(), QStringLiteral("docs/"));
    QVERIFY(waitLoaded(window));
    auto *crumbs = window.findChild<BreadcrumbBar *>(QStringLiteral("breadcrumbs"));
    QVERIFY(crumbs);
    QCOMPARE(crumbs->crumbs(), QStringList({ QStringLiteral("gui-test"), QStringLiteral("docs") }));
    QVERIFY(rowOf(window, QStringLiteral("docs/readme.txt")) >= 0);
    QVERIFY(rowOf(window, QStringLiteral("docs/guide/")) >= 0);

    // Upload by dropping a local file on the object view.
    const QString localPath = m_dir.filePath(QStringLiteral("upload.bin"));
    const QByteArray payload = randomBytes(300 * 1024 + 17, 7);
    QVERIFY(writeFile(localPath, payload));
    QSignalSpy transfers(&window, &MainWindow::transferFinished);
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(localPath) });
    const QPointF dropAt = view->viewport()->rect().center();
    QDragEnterEvent enter(dropAt.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(dropAt, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &drop);
    QVERIFY(transfers.wait(30000));
    auto uploadError = transfers.last().at(1).value<S3Error>();
    QVERIFY2(!uploadError.isError(), qPrintable(uploadError.toString()));

    // It appears in the folder with its size.
    const QString key = QStringLiteral("docs/upload.bin");
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(window, key) >= 0 && !window.objectModel()->isLoading(), 15000);
    const int row = rowOf(window, key);
    QCOMPARE(window.objectModel()->entry(row).size, qint64(payload.size()));
    QCOMPARE(window.objectModel()->index(row, S3ObjectModel::SizeColumn).data().toString(),
             S3Format::size(payload.size()));
    QCOMPARE(S3Format::size(payload.size()), QStringLiteral("300 KiB"));

    // Download it and compare the bytes.
    const QString downloaded = m_dir.filePath(QStringLiteral("downloaded.bin"));
    S3Transfer *download = window.downloadObject(key, downloaded);
    QVERIFY(download);
    QVERIFY(transfers.wait(30000));
    QCOMPARE(transfers.last().first().value<S3Transfer *>(), download);
    const auto downloadError = transfers.last().at(1).value<S3Error>();
    QVERIFY2(!downloadError.isError(), qPrintable(downloadError.toString()));
    {
        QFile file(downloaded);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == payload);
    }

    // Delete it: select the row, trigger Delete, answer Yes in the confirmation box.
    view->selectionModel()->select(window.objectModel()->index(row, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    auto *deleteAction = window.findChild<QAction *>(QStringLiteral("deleteAction"));
    QVERIFY(deleteAction && deleteAction->isEnabled());
    bool asked = false;
    QTimer::singleShot(200, this, [&asked]() {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        asked = box->text().contains(QStringLiteral("docs/upload.bin"));
        box->button(QMessageBox::Yes)->click();
    });
    QSignalSpy deleted(&window, &MainWindow::objectsDeleted);
    deleteAction->trigger();
    QVERIFY(asked);
    QVERIFY(deleted.wait(15000));
    QCOMPARE(deleted.first().first().toInt(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!window.objectModel()->isLoading() && rowOf(window, key) < 0, 15000);
    QVERIFY(rowOf(window, QStringLiteral("docs/readme.txt")) >= 0);

    // Copy a presigned URL of readme.txt; a plain QNetworkAccessManager fetches it.
    const int readmeRow = rowOf(window, QStringLiteral("docs/readme.txt"));
    view->selectionModel()->select(window.objectModel()->index(readmeRow, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QSignalSpy copied(&window, &MainWindow::presignedUrlCopied);
    window.copyPresignedUrl();
    QVERIFY(copied.count() == 1 || copied.wait(15000));
    const QUrl presigned(QGuiApplication::clipboard()->text());
    QCOMPARE(presigned, copied.first().first().toUrl());
    QVERIFY2(presigned.query().contains(QStringLiteral("X-Amz-Signature=")), qPrintable(presigned.toString()));
    QVERIFY(presigned.query().contains(QStringLiteral("X-Amz-Expires=3600")));
    {
        QNetworkAccessManager plain;
        QNetworkReply *reply = plain.get(QNetworkRequest(presigned));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(15000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), QByteArray("read me\n"));
        delete reply;
    }

    // The breadcrumb of the bucket goes back to the top.
    auto buttons = crumbs->findChildren<QAbstractButton *>();
    QVERIFY(!buttons.isEmpty());
    buttons.first()->click();
    QTRY_COMPARE(window.currentPrefix(), QString());
}

void tst_S3Browser::pagesThroughContinuationTokens()
{
    MainWindow window;
    window.show();
    QSignalSpy buckets(&window, &MainWindow::bucketsLoaded);
    QVERIFY(window.connectTo(settings()));
    QVERIFY(buckets.wait(15000));
    int pending = 7;
    for (int i = 0; i < 7; ++i) {
        window.client()->putObject(QStringLiteral("gui-test"), QStringLiteral("many/item-%1.txt").arg(i),
                                   QByteArray::number(i), "text/plain", this,
                                   [&pending](const S3Error &) { --pending; });
    }
    QTRY_COMPARE_WITH_TIMEOUT(pending, 0, 15000);
    window.objectModel()->setPageSize(3);
    window.openBucket(QStringLiteral("gui-test"));
    QVERIFY(waitLoaded(window));
    window.openPrefix(QStringLiteral("many/"));
    QVERIFY(waitLoaded(window));
    // Three keys per page: the visible view asks for the next pages (continuation tokens)
    // by itself while it has room, as it does when the user scrolls to the end.
    S3ObjectModel *model = window.objectModel();
    auto *view = window.findChild<QTreeView *>(QStringLiteral("objectView"));
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(([&]() {
        view->scrollToBottom();
        return model->rowCount() == 7 && !model->hasMorePages() && !model->isLoading();
    }()), 15000);
    for (int i = 0; i < 7; ++i)
        QCOMPARE(model->entry(i).key, QStringLiteral("many/item-%1.txt").arg(i));
    QCOMPARE(model->pagesLoaded(), 3);
}

void tst_S3Browser::multipartTransfersResume()
{
    // Three parts of 8 MiB (the last one short): the browser uploads them with AwsS3Upload.
    const QString localPath = m_dir.filePath(QStringLiteral("video.bin"));
    const QByteArray payload = randomBytes(17 * 1024 * 1024 + 5, 11);
    QVERIFY(writeFile(localPath, payload));
    const QString bucket = QStringLiteral("gui-multipart");
    const QString key = QStringLiteral("video.bin");
    const QString stateFile = S3Client::stateFileFor(bucket, key, localPath, QStringLiteral(".s3upload"));
    QFile::remove(stateFile);

    // First run: the window closes as soon as one part is on the server.
    auto first = std::make_unique<MainWindow>();
    QSignalSpy buckets(first.get(), &MainWindow::bucketsLoaded);
    QVERIFY(first->connectTo(settings()));
    QVERIFY(buckets.wait(15000));
    first->createBucket(bucket);
    QTRY_COMPARE_WITH_TIMEOUT(first->currentBucket(), bucket, 15000);
    bool partDone = false;
    connect(first.get(), &MainWindow::transferStarted, this, [&partDone](S3Transfer *transfer) {
        connect(transfer, &S3Transfer::partFinished, transfer, [&partDone] { partDone = true; });
    });
    first->uploadFiles({ localPath });
    QTRY_VERIFY_WITH_TIMEOUT(partDone, 60000);
    first.reset();
    QVERIFY2(QFile::exists(stateFile), qPrintable(stateFile));

    // Second run: the same upload continues and does not send the finished part again.
    MainWindow second;
    QSignalSpy again(&second, &MainWindow::bucketsLoaded);
    QVERIFY(second.connectTo(settings()));
    QVERIFY(again.wait(15000));
    second.openBucket(bucket);
    QSignalSpy transfers(&second, &MainWindow::transferFinished);
    second.uploadFiles({ localPath });
    QVERIFY(transfers.wait(60000));
    auto *upload = transfers.last().first().value<S3Transfer *>();
    const auto uploadError = transfers.last().at(1).value<S3Error>();
    QVERIFY2(!uploadError.isError(), qPrintable(uploadError.toString()));
    QVERIFY(upload->isMultipart());
    QCOMPARE(upload->partCount(), 3);
    QVERIFY2(upload->resumedPartCount() >= 1, "the part of the first run is not sent again");
    QVERIFY(!QFile::exists(stateFile));

    // A download in parts, interrupted the same way, resumes too; the target appears only
    // when it is complete.
    const QString downloaded = m_dir.filePath(QStringLiteral("video-copy.bin"));
    const QString downloadState = S3Client::stateFileFor(bucket, key, downloaded, QStringLiteral(".s3download"));
    QFile::remove(downloadState);
    {
        auto third = std::make_unique<MainWindow>();
        QSignalSpy ready(third.get(), &MainWindow::bucketsLoaded);
        QVERIFY(third->connectTo(settings()));
        QVERIFY(ready.wait(15000));
        third->openBucket(bucket);
        bool downloadPart = false;
        connect(third.get(), &MainWindow::transferStarted, this, [&downloadPart](S3Transfer *transfer) {
            connect(transfer, &S3Transfer::partFinished, transfer, [&downloadPart] { downloadPart = true; });
        });
        QVERIFY(third->downloadObject(key, downloaded));
        QTRY_VERIFY_WITH_TIMEOUT(downloadPart, 60000);
    }
    QVERIFY(!QFile::exists(downloaded));
    QVERIFY2(QFile::exists(downloadState), qPrintable(downloadState));
    S3Transfer *download = second.downloadObject(key, downloaded);
    QVERIFY(transfers.wait(60000));
    QCOMPARE(transfers.last().first().value<S3Transfer *>(), download);
    QVERIFY(!transfers.last().at(1).value<S3Error>().isError());
    QVERIFY(download->isMultipart());
    QVERIFY2(download->resumedPartCount() >= 1, "the part of the interrupted download is not fetched again");
    QFile file(downloaded);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll() == payload);
    QVERIFY(!QFile::exists(downloadState));
}

QTEST_MAIN(tst_S3Browser)
#include "tst_s3browser.moc"
