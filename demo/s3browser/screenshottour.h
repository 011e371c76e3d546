// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SCREENSHOTTOUR_H
#define SCREENSHOTTOUR_H

#include <QtCore/qobject.h>
#include <QtCore/qstring.h>

class MainWindow;
class QTemporaryDir;

// --screenshots DIR: walks the connected browser through the bucket list, a folder and an
// upload in progress, saves a PNG of the window (QWidget::grab) at each step, then quits.
class ScreenshotTour : public QObject
{
    Q_OBJECT
public:
    ScreenshotTour(MainWindow *window, const QString &directory, QObject *parent = nullptr);
    ~ScreenshotTour() override;
    void start();

private:
    void save(const QString &name);
    void saveConnectDialog();
    void fail(const QString &why);
    void showBuckets(const QStringList &names);
    void showFolder();
    void startUpload();

    MainWindow *m_window;
    QString m_directory;
    QTemporaryDir *m_temp = nullptr;
    bool m_uploadShot = false;
};

#endif // SCREENSHOTTOUR_H
