// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3localfiles.h"

#include "s3uri.h"

#include <QtCore/qdir.h>
#include <QtCore/qfileinfo.h>

namespace {

void walkFolder(const QString &path, const QString &relative, QStringList *ancestors,
                QList<S3LocalFiles::File> *files, QStringList *problems)
{
    // QDir lists an unreadable folder as empty: say so instead of leaving its files out.
    if (!QFileInfo(path).isReadable() || !QFileInfo(path).isExecutable()) {
        problems->append(QStringLiteral("skipping %1: cannot read the folder").arg(S3Uri::printable(path)));
        return;
    }
    const QFileInfoList entries = QDir(path).entryInfoList(
            QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name);
    for (const QFileInfo &entry : entries) {
        const QString entryRelative = relative.isEmpty() ? entry.fileName() : relative + u'/' + entry.fileName();
        // As typed ("./album/a.jpg"), for the lines the user reads.
        const QString entryPath = (path.endsWith(u'/') ? path : path + u'/') + entry.fileName();
        const QString shown = S3Uri::printable(entryPath);
        if (entry.isSymLink() && !entry.exists()) {
            problems->append(QStringLiteral("skipping %1: dangling symbolic link").arg(shown));
        } else if (entry.isDir()) {
            const QString canonical = entry.canonicalFilePath();
            if (ancestors->contains(canonical)) {
                problems->append(QStringLiteral("skipping %1: symbolic link loop (it leads back to %2)")
                                         .arg(shown, S3Uri::printable(canonical)));
                continue;
            }
            ancestors->append(canonical);
            walkFolder(entryPath, entryRelative, ancestors, files, problems);
            ancestors->removeLast();
        } else if (entry.isFile()) {
            files->append({ entryPath, entryRelative, entry.size() });
        } else {
            problems->append(QStringLiteral("skipping %1: not a regular file").arg(shown));
        }
    }
}

bool isInside(const QString &canonicalRoot, const QString &canonicalPath)
{
    return canonicalPath == canonicalRoot
            || canonicalPath.startsWith(canonicalRoot.endsWith(u'/') ? canonicalRoot : canonicalRoot + u'/');
}

} // namespace

QList<S3LocalFiles::File> S3LocalFiles::walk(const QString &folder, QStringList *problems)
{
    QList<File> files;
    QStringList ancestors { QFileInfo(folder).canonicalFilePath() };
    QString root = folder;
    while (root.size() > 1 && root.endsWith(u'/'))
        root.chop(1);
    walkFolder(root, QString(), &ancestors, &files, problems);
    return files;
}

bool S3LocalFiles::isSafeName(const QString &name)
{
    return !name.isEmpty() && name != u"." && name != u".." && !name.contains(u'/')
            && !name.contains(QChar(0));
}

QString S3LocalFiles::downloadPath(const QString &folder, const QString &relative, QString *problem)
{
    if (relative.startsWith(u'/')) {
        *problem = QStringLiteral("it is an absolute path");
        return QString();
    }
    const QStringList segments = relative.split(u'/');
    for (const QString &segment : segments) {
        if (!isSafeName(segment)) {
            *problem = segment.isEmpty() ? QStringLiteral("it has an empty path segment")
                                         : QStringLiteral("it has a '%1' path segment")
                                                   .arg(S3Uri::printable(segment));
            return QString();
        }
    }
    const QString root = QDir(folder).absolutePath();
    const QString path = root + u'/' + relative;
    const QString parent = QFileInfo(path).path();
    QDir().mkpath(root);
    const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
    // A symbolic link among the folders (there before, or made by a hostile earlier key) must
    // not lead outside: checked on the deepest existing folder before creating any, then again.
    QString existing = parent;
    while (!QFileInfo::exists(existing) && existing.size() > root.size())
        existing = QFileInfo(existing).path();
    for (int pass = 0; pass < 2; ++pass) {
        if (canonicalRoot.isEmpty() || !isInside(canonicalRoot, QFileInfo(existing).canonicalFilePath())) {
            *problem = QStringLiteral("its folder %1 leads outside %2 through a symbolic link")
                               .arg(S3Uri::printable(existing), S3Uri::printable(root));
            return QString();
        }
        if (pass == 0 && !QDir().mkpath(parent)) {
            *problem = QStringLiteral("cannot create the folder %1").arg(S3Uri::printable(parent));
            return QString();
        }
        existing = parent;
    }
    // Writing would follow it (QSaveFile writes to a link's target).
    if (QFileInfo(path).isSymLink()) {
        *problem = QStringLiteral("%1 is a symbolic link").arg(S3Uri::printable(path));
        return QString();
    }
    return path;
}
