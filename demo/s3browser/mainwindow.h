// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef MAINWINDOW_H
#define MAINWINDOW_H

#include "s3connectionsettings.h"
#include "s3types.h"

#include <QtWidgets/qmainwindow.h>

class BreadcrumbBar;
class ErrorBanner;
class ObjectView;
class QLabel;
class QListWidget;
class S3Client;
class S3ObjectModel;
class S3Transfer;
class TransferPanel;

// The S3 browser: buckets on the left, the folders and objects of the current prefix on the
// right with breadcrumbs, transfers below. Everything goes through S3Client, that is through
// AwsNetworkAccessManager.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    S3Client *client() const { return m_client; }
    S3ObjectModel *objectModel() const { return m_model; }
    QString currentBucket() const;
    QString currentPrefix() const;

    // Ask before deleting (default true); tests may answer the question box themselves.
    void setConfirmDeletes(bool confirm) { m_confirmDeletes = confirm; }

public Q_SLOTS:
    bool connectTo(const S3ConnectionSettings &settings);
    void showConnectDialog();
    void refresh();
    void refreshBuckets();
    void openBucket(const QString &bucket);
    void openPrefix(const QString &prefix);
    void uploadFiles(const QStringList &localPaths);
    S3Transfer *downloadObject(const QString &key, const QString &localPath);
    void deleteSelected();
    void createBucket(const QString &name = QString());
    void deleteCurrentBucket();
    void copyPresignedUrl();

Q_SIGNALS:
    void bucketsLoaded(const QStringList &names);
    void transferStarted(S3Transfer *transfer);
    void transferFinished(S3Transfer *transfer, const S3Error &error);
    void objectsDeleted(int count);
    void errorShown(const QString &text);
    void presignedUrlCopied(const QUrl &url);

private:
    void createActions();
    void updateActions();
    void showError(const QString &what, const S3Error &error);
    void onActivated(const QModelIndex &index);
    void uploadFromDialog();
    void downloadSelected();
    void addTransfer(S3Transfer *transfer);
    QStringList selectedKeys(bool includeFolders) const;
    void updateStatus();

    S3Client *m_client;
    S3ObjectModel *m_model;
    QListWidget *m_buckets;
    BreadcrumbBar *m_breadcrumbs;
    ObjectView *m_view;
    ErrorBanner *m_banner;
    TransferPanel *m_transfers;
    QLabel *m_connectionLabel;
    QLabel *m_countLabel;
    bool m_confirmDeletes = true;
    QString m_pendingBucket;

    QAction *m_connectAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_uploadAction = nullptr;
    QAction *m_downloadAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_presignAction = nullptr;
    QAction *m_newBucketAction = nullptr;
    QAction *m_deleteBucketAction = nullptr;
    QAction *m_upAction = nullptr;
};

#endif // MAINWINDOW_H
