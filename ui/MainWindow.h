#pragma once
#include <QMainWindow>
namespace RebuildRadar {
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};
} // namespace RebuildRadar
