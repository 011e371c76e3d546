// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef OBJECTVIEW_H
#define OBJECTVIEW_H

#include <QtWidgets/qtreeview.h>

// The object list; local files dropped on it are offered for upload.
class ObjectView : public QTreeView
{
    Q_OBJECT
public:
    explicit ObjectView(QWidget *parent = nullptr);

Q_SIGNALS:
    void filesDropped(const QStringList &localPaths);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    static QStringList localFiles(const QMimeData *mime);
};

#endif // OBJECTVIEW_H
